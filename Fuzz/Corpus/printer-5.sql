select all distinct(2), count(all distinct(3)), like('a', 'b'), a = not(1), cast(b as decimal(10,-2)), raise(abort, 'no')
