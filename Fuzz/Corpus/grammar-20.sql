INSERT INTO cloudflare.realtime_kit.presets (account_id, app_id, name) WITH n(name) AS (VALUES ('host'), ('guest')) SELECT 'a', 'b', name FROM n
