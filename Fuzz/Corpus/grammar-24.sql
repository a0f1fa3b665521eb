EXPLAIN DELETE FROM cloudflare.realtime_kit.presets WHERE account_id = 'a' AND app_id = 'b' AND preset_id = 'p'
