EXEC cloudflare.realtime_kit.kit_recordings.start_recordings @account_id = 'a', @app_id = 'b' @@json = '{"meeting_id": "m"}' RETURNING data->>'id' AS id
