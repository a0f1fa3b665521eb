select t.*, * from t1 natural left outer join t2 using (id) cross join t3, (select 1) s join (t1 join t2 on 1) on 1, main.t indexed by i, u not indexed
