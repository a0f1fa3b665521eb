# rtkql through psycopg 3: start `rtkql serve --sandbox --trust-loopback`, then `python3 examples/psycopg_quickstart.py`.
import psycopg  # pip install psycopg
with psycopg.connect("host=127.0.0.1 port=5433 user=rtkql dbname=cloudflare") as conn:
    for status, recordings, total_bytes in conn.execute("SELECT status, COUNT(*) AS recordings, SUM(file_size) AS total_bytes FROM realtime_kit.recordings WHERE account_id = %s AND app_id = %s GROUP BY status ORDER BY recordings DESC", ("c0ffee00c0ffee00c0ffee00c0ffee00", "a11ce000-0000-4000-8000-000000000001")):
        print(f"{status:<10} {recordings:>5} {total_bytes:>14}")
