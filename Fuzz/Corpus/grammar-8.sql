SELECT CASE WHEN recording_duration > 1800 THEN 'long' ELSE 'short' END, CAST(file_size AS INTEGER), EXISTS (SELECT 1) FROM t
