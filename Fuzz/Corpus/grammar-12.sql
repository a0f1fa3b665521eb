EXEC cloudflare.realtime_kit.recordings.create_track @account_id='a', @app_id='b' @@json='{"meeting_id": "m", "layers": {"default": {}}}'
