REPLACE cloudflare.realtime_kit.recordings SET action = 'pause' WHERE account_id = 'a' AND app_id = 'b' AND recording_id = 'r' AND action = 'pause' RETURNING data, success
