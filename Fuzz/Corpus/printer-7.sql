select avg(x) over (order by y rows a and b preceding exclude group), group_concat(b, ',' order by b desc nulls first) from t
