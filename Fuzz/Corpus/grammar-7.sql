SELECT id FROM t WHERE status IN ('PAUSED', 'RECORDING') AND NOT file_size BETWEEN 1 AND 2 AND meeting->>'title' LIKE '%standup%' ESCAPE '\' AND stopped_time IS NOT NULL
