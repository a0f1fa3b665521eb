select sum(x) over w, sum(x) over (w), rank() over () from t window w as (partition by a order by b rows between unbounded preceding and current row exclude no others)
