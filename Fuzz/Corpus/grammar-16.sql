USE cloudflare
