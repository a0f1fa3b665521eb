select x in (select y from t), x not in (1, 2), x in (), x in t, x in json_each('[1]'), x between case when a then 1 else 2 end and 3
