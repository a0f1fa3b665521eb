select -(a+b), not (a = b), a - (b - c), (a or b) and c, - -1, -(-1), +-~1 from t
