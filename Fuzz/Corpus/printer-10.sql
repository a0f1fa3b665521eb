insert into p.s.r as x (a, "b") values (1, 2), (3, 4) returning *; insert into r (a) with c as (select 1) select * from c
