execute a.b.c.d @x = 1 @y='it''s', @@JSON='{"k": "v''s"}' returning data; explain update r set a = 1
