SELECT "select", [from], `where`, "a""b", 'it''s', x'cafe', 1_000, 1.50, .5, 1e3, true, null, current_date, ?, ?3, :n, @n, $n
