#!/usr/bin/env bash
# End-to-end checks of the optimised (release) binary against its own sandbox: concurrent paging
# must return every row exactly once, and a set-based REPLACE must report each target once.
# (The unit and integration tests run on the debug build; this guards what users run.)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/rtkql
[ -x "$BIN" ] || swift build -c release --static-swift-stdlib --product rtkql
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" sandbox --port "$PORT" --recordings 5000 >/dev/null &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true' EXIT
BASE=http://127.0.0.1:$PORT/client/v4
for _ in $(seq 1 100); do curl -s -o /dev/null "$BASE/" && break; sleep 0.1; done
export CLOUDFLARE_API_TOKEN=rtkql-sandbox-token
SCOPE="account_id = 'c0ffee00c0ffee00c0ffee00c0ffee00' AND app_id = 'a11ce000-0000-4000-8000-000000000001'"
run() { "$BIN" exec --api-base-url "$BASE" -o csv -H "$1" | tr -d '\r'; }

counts=$(run "SELECT count(*), count(DISTINCT id) FROM cloudflare.realtime_kit.recordings WHERE $SCOPE")
[ "$counts" = "5000,5000" ] || { echo "release smoke: paging returned '$counts', expected 5000,5000"; exit 1; }

expected=$(run "SELECT id FROM cloudflare.realtime_kit.recordings WHERE $SCOPE AND status IN ('RECORDING', 'PAUSED') ORDER BY id")
reported=$(run "REPLACE cloudflare.realtime_kit.recordings SET action = 'stop' WHERE $SCOPE AND recording_id IN (SELECT id FROM cloudflare.realtime_kit.recordings WHERE $SCOPE AND status IN ('RECORDING', 'PAUSED'))" | cut -d, -f1 | sort)
[ -n "$expected" ] && [ "$expected" = "$reported" ] || { echo "release smoke: REPLACE reported other targets than selected"; exit 1; }
echo "release smoke: 5000 rows paged exactly once; $(echo "$expected" | wc -l) recordings stopped, each reported once"
