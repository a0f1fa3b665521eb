INSERT INTO cloudflare.realtime_kit.presets (account_id, app_id, name) VALUES ('a', 'b', 'webinar') RETURNING id, name
