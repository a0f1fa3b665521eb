#!/usr/bin/env python3
"""psql against `rtkql serve`: queries, \\x, \\dt, \\d recordings, a syntax error followed by a good query,
the quickstart script, and a wrong password. Run by RealClientTests with PGHOST, PGPORT, PGUSER and
PGPASSWORD set; exits non-zero on the first mismatch."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCOPE = "account_id = 'c0ffee00c0ffee00c0ffee00c0ffee00' AND app_id = 'a11ce000-0000-4000-8000-000000000001'"


def psql(*arguments, password=None, stdin=None):
    environment = dict(os.environ)
    if password is not None:
        environment["PGPASSWORD"] = password
    result = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=0", *arguments], input=stdin, env=environment,
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout, result.stderr


def expect(condition, message, output=""):
    if not condition:
        print(f"FAIL: {message}\n{output}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


code, out, err = psql("-c", f"SELECT status, count(*) AS recordings FROM cloudflare.realtime_kit.recordings "
                            f"WHERE {SCOPE} GROUP BY status ORDER BY status")
expect(code == 0 and " status   | recordings " in out and "(6 rows)" in out, "grouped query prints a table", out + err)

code, out, err = psql("-c", "\\x", "-c", f"SELECT id, recording_duration FROM cloudflare.realtime_kit.recordings "
                                       f"WHERE {SCOPE} ORDER BY invoked_time LIMIT 1")
expect("-[ RECORD 1 ]------+-------------------------------------" in out
       and "id                 | 648660a0-5830-47e3-a1b3-24b2ee8d1bc9" in out
       and "recording_duration | 4973" in out, "\\x prints expanded records", out + err)

code, out, err = psql("-c", "\\dt")
relations = [[cell.strip() for cell in line.split("|")] for line in out.splitlines() if line.count("|") == 3]
expect(["realtime_kit", "recordings", "table", "rtkql"] in relations and "(27 rows)" in out, "\\dt lists the resources", out + err)

code, out, err = psql("-c", "\\d recordings")
expect('Table "realtime_kit.recordings"' in out
       and " invoked_time        | timestamp with time zone |" in out
       and " recording_duration  | bigint                   |" in out
       and " meeting             | json                     |" in out, "\\d recordings shows typed columns", out + err)

code, out, err = psql(stdin="SELEC 1;\nSELECT 40 + 2 AS answer;\n")
expect("ERROR:  syntax error at 1:1: Expected: a statement" in err and "LINE 1: SELEC 1" in err
       and " answer \n--------\n     42\n(1 row)" in out, "a syntax error, then the next query runs", out + err)

code, out, err = psql("-f", os.path.join(ROOT, "examples", "quickstart.iql"))
expect(code == 0 and out.count("rows)") == 5 and " meeting_title " in out and " total_bytes " in out
       and " Sprint planning             |         29 |    1641" in out,
       "the quickstart runs as printed", out + err)

code, out, err = psql("-c", "SELECT 1", password="wrong")
expect(code != 0 and 'password authentication failed for user "rtkql"' in err, "a wrong password is refused", out + err)
print("psql: all checks passed")
