#!/usr/bin/env python3
"""What a user would otherwise write: page through the recordings API sequentially with
`requests`, load every row into sqlite3, and run the query there.

usage: sequential.py BASE_URL ACCOUNT_ID APP_ID TOKEN [PER_PAGE]
"""
import json
import sqlite3
import sys

import requests

FIELDS = ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
          "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status", "stopped_time",
          "storage_config"]


def main():
    base, account, app, token = sys.argv[1:5]
    per_page = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE recordings ({', '.join(FIELDS)})")
    url = f"{base}/accounts/{account}/realtime/kit/{app}/recordings"
    page = 1
    while True:
        response = session.get(url, params={"page_no": page, "per_page": per_page})
        response.raise_for_status()
        body = response.json()
        rows = body["data"]
        if not rows:
            break
        db.executemany(
            f"INSERT INTO recordings VALUES ({', '.join('?' for _ in FIELDS)})",
            [[json.dumps(r.get(f)) if isinstance(r.get(f), (dict, list)) else r.get(f) for f in FIELDS] for r in rows])
        total = body.get("paging", {}).get("total_count")
        if total is not None and page * per_page >= total:
            break
        page += 1
    for row in db.execute("SELECT status, COUNT(*), SUM(file_size) FROM recordings GROUP BY status ORDER BY status"):
        print("|".join(str(v) for v in row))


if __name__ == "__main__":
    main()
