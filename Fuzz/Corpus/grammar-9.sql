SELECT status, sum(file_size) FILTER (WHERE file_size > 0) OVER (PARTITION BY status ORDER BY invoked_time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t
