DELETE FROM cloudflare.realtime_kit.webhooks WHERE account_id = 'a' AND app_id = 'b' AND webhook_id = 'w' RETURNING success
