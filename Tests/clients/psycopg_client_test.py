#!/usr/bin/env python3
"""psycopg 3 against `rtkql serve`: server-side parameter binding, typed results in text and binary,
transactions, cancellation and a statement timeout. Run by RealClientTests with PGHOST, PGPORT, PGUSER and
PGPASSWORD set; exits non-zero on the first mismatch."""
import datetime
import decimal
import sys
import threading
import time

import psycopg

ACCOUNT = "c0ffee00c0ffee00c0ffee00c0ffee00"
APP = "a11ce000-0000-4000-8000-000000000001"
RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
QUERY = ("SELECT id, invoked_time, file_size, recording_duration, meeting FROM cloudflare.realtime_kit.recordings "
         "WHERE account_id = %s AND app_id = %s AND recording_duration > %s ORDER BY invoked_time LIMIT 1")
FIRST = ("648660a0-5830-47e3-a1b3-24b2ee8d1bc9", datetime.datetime(2026, 1, 1, 6, 18, 22, tzinfo=datetime.timezone.utc),
         decimal.Decimal("1020772899"), 4973)


def expect(condition, message, detail=""):
    if not condition:
        print(f"FAIL: {message}\n{detail}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


with psycopg.connect(autocommit=True) as conn:
    cursor = conn.execute(QUERY, (ACCOUNT, APP, 4000))
    row = cursor.fetchone()
    expect(row[:4] == FIRST and row[4]["title"] == "Customer call: Globex", "text results are typed", repr(row))
    expect([column.type_code for column in cursor.description] == [25, 1184, 1700, 20, 114],
           "columns carry PostgreSQL types", repr(cursor.description))

    binary = conn.cursor(binary=True)
    binary.execute(QUERY, (ACCOUNT, APP, 4000))
    row = binary.fetchone()
    expect(row[:4] == FIRST, "binary results decode to the same values", repr(row))

    expect(conn.execute("SELECT %s + 1, %s * 2, %s", (41, 1.25, "text")).fetchone() == (42, 2.5, "text"),
           "parameters of several types are bound server-side")

    try:
        conn.execute("SELECT nope FROM cloudflare.realtime_kit.recordings WHERE account_id = %s AND app_id = %s", (ACCOUNT, APP))
        expect(False, "an unknown column fails")
    except psycopg.errors.UndefinedColumn as error:
        expect(str(error).startswith("no such column: nope"), "an unknown column is 42703 with the CLI's message", str(error))

    conn.execute("SET statement_timeout = 200")
    started = time.monotonic()
    try:
        conn.execute(RUNAWAY)
        expect(False, "the runaway query is stopped")
    except psycopg.errors.QueryCanceled as error:
        expect("statement timeout" in str(error) and time.monotonic() - started < 5, "statement timeout stops it", str(error))
    conn.execute("SET statement_timeout = 0")

    timer = threading.Timer(0.3, conn.cancel)
    timer.start()
    try:
        conn.execute(RUNAWAY)
        expect(False, "the cancelled query stops")
    except psycopg.errors.QueryCanceled as error:
        expect("canceling statement due to user request" in str(error), "cancel stops the running statement", str(error))
    expect(conn.execute("SELECT 1").fetchone() == (1,), "the connection is usable after a cancel")

with psycopg.connect() as conn:  # not autocommit: psycopg wraps statements in BEGIN ... COMMIT
    with conn.transaction():
        count = conn.execute("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = %s AND app_id = %s",
                             (ACCOUNT, APP)).fetchone()[0]
    expect(count == 240, "reads inside a transaction", repr(count))
print("psycopg: all checks passed")
