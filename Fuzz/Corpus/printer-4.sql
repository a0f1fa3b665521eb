select m->'a'->>'b', a is distinct from b, a is not distinct from b, a is not exists (select 3), (a, b) = (1, 2), x isnull, y notnull, z not null
