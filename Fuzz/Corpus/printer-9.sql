replace into into set a = 1; update p.s.r x set status = 'ok' where id = 'i' returning data; delete from r as x; purge; purge purge
