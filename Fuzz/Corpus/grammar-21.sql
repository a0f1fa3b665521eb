UPDATE cloudflare.realtime_kit.webhooks SET name = 'renamed' WHERE account_id = 'a' AND app_id = 'b' AND webhook_id = 'w' RETURNING data
