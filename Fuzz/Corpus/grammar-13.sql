SHOW METHODS IN cloudflare.realtime_kit.recordings LIKE 'get%'
