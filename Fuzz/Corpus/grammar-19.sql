INSERT INTO cloudflare.realtime_kit.webhooks (account_id, app_id, name, url) SELECT 'a', 'b', value, 'https://example.com/' || value FROM json_each('["w1", "w2"]')
