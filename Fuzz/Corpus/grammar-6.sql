SELECT r.id, j.value FROM cloudflare.realtime_kit.recordings AS r LEFT JOIN json_each('[1,2]') AS j ON 1 WHERE r.account_id = 'a' AND r.app_id = 'b'
