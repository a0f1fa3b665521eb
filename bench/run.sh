#!/usr/bin/env bash
# The benchmark suite (release build). Starts `rtkql sandbox` with the data of each scenario and
# measures, side by side, every figure of docs/performance.md:
#   1. 16,000 recordings (160 pages), no added latency: (a) rtkql end to end, (b) bench/sequential.py
#      (requests + sqlite3, what a user would otherwise write), (c) curl over one keep-alive connection.
#   2. the same with 50 ms added to every response.
#   3. 100,000 recordings: rtkql's peak resident memory (the GROUP BY query, and SELECT * keeping every field).
#   4. start-up: `rtkql --version`, and a one-page query against a running sandbox.
#   5. (d) in-process: the parser alone and the materializer alone (rtkql-benchmarks).
#   6. the API budget: the quickstart's requests with the session cache off and on; with 50 ms per response,
#      rtkql against curl fetching the same pages 8 in parallel (the parallel transfer floor); a million
#      recordings across ten apps, bound from the apps listing (wall time, rows/s, peak memory).
# Each timing is hyperfine's median over RUNS runs. rtkql's rows are first checked against the sequential script's.
# Results: bench/results/latest.md (docs/performance.md quotes them).
#
# usage: bench/run.sh [RUNS=7]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
LATENCY_RUNS=3
BIN=.build/release/rtkql
[ -x "$BIN" ] && [ -x .build/release/rtkql-benchmarks ] || swift build -c release --static-swift-stdlib
export CLOUDFLARE_API_TOKEN=rtkql-sandbox-token
ACCOUNT=c0ffee00c0ffee00c0ffee00c0ffee00
APP=a11ce000-0000-4000-8000-000000000001
SCOPE="account_id = '$ACCOUNT' AND app_id = '$APP'"
QUERY="SELECT status, COUNT(*), SUM(file_size) FROM cloudflare.realtime_kit.recordings WHERE $SCOPE GROUP BY status"
RESULTS=bench/results/latest.md
mkdir -p bench/results

command -v hyperfine >/dev/null || { echo "bench/run.sh times with hyperfine: apt-get install -y hyperfine (make bench does)"; exit 1; }
TMP=$(mktemp -d)
SANDBOX=""
trap '[ -n "$SANDBOX" ] && kill $SANDBOX 2>/dev/null; rm -rf "$TMP"' EXIT
# start_sandbox RECORDINGS LATENCY_MS: starts it on a free port, sets BASE and URLS (every page, 100 per page).
start_sandbox() {
  [ -n "$SANDBOX" ] && kill $SANDBOX 2>/dev/null && wait $SANDBOX 2>/dev/null || true
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$BIN" sandbox --port "$port" --recordings "$1" --latency-ms "$2" >/dev/null &
  SANDBOX=$!
  BASE=http://127.0.0.1:$port/client/v4
  LIST=$BASE/accounts/$ACCOUNT/realtime/kit/$APP/recordings
  for _ in $(seq 1 600); do curl -s -o /dev/null "$LIST?per_page=1" -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" && break; sleep 0.1; done
  URLS=()
  for page in $(seq 1 $(( ($1 + 99) / 100 ))); do URLS+=("$LIST?page_no=$page&per_page=100"); done
  curl -s -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" "${URLS[@]}" >/dev/null  # warm the sandbox's list index
}

# median_ms RUNS COMMAND: the median wall time of COMMAND (one string, shell quoting), in milliseconds,
# timed by hyperfine without a shell in between, after one warm-up run.
median_ms() {
  hyperfine -N --warmup 1 --runs "$1" --export-json "$TMP/timing.json" -- "$2" >/dev/null 2>&1 \
    || { echo "benchmark command failed: $2" >&2; exit 1; }
  python3 -c "import json; print(f\"{json.load(open('$TMP/timing.json'))['results'][0]['median'] * 1000:.1f}\")"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
rtkql_query() { echo "$BIN exec --api-base-url $BASE -o csv \"$QUERY\""; }
python_script() { echo "python3 bench/sequential.py $BASE $ACCOUNT $APP $CLOUDFLARE_API_TOKEN"; }
curl_pages() { echo "curl -s -H 'Authorization: Bearer $CLOUDFLARE_API_TOKEN' ${URLS[*]}"; }
parallel_curl_pages() { echo "curl -s --parallel --parallel-max 8 -H 'Authorization: Bearer $CLOUDFLARE_API_TOKEN' ${URLS[*]}"; }
# quickstart_requests TTL: the requests examples/quickstart.iql sends with --cache-ttl TTL.
quickstart_requests() {
  "$BIN" exec --api-base-url "$BASE" --cache-ttl "$1" --http.log.enabled -f examples/quickstart.iql \
    --var account_id=$ACCOUNT --var app_id=$APP -o csv 2>&1 >/dev/null | grep -c '^http: GET .* → [0-9]* (' || true
}
# peak_rss_mib COMMAND...: the peak resident memory of COMMAND, in MiB.
peak_rss_mib() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}")
PY
}

# side_by_side LABEL RUNS: times the three contenders against the running sandbox.
side_by_side() {
  local ours theirs
  ours=$("$BIN" exec --api-base-url "$BASE" -o csv -H "$QUERY ORDER BY status" | tr -d '\r' | tr ',' '|')
  theirs=$(python3 bench/sequential.py "$BASE" "$ACCOUNT" "$APP" "$CLOUDFLARE_API_TOKEN")
  if [ "$ours" != "$theirs" ]; then echo "rtkql and the sequential script disagree:"; echo "$ours"; echo "---"; echo "$theirs"; exit 1; fi
  RTKQL_MS=$(median_ms "$2" "$(rtkql_query)")
  CURL_MS=$(median_ms "$2" "$(curl_pages)")
  PYTHON_MS=$(median_ms "$2" "$(python_script)")
  echo "| $1 | $RTKQL_MS ms | $CURL_MS ms | **$(ratio "$RTKQL_MS" "$CURL_MS")** | $PYTHON_MS ms | **$(ratio "$PYTHON_MS" "$RTKQL_MS")** |"
}

{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, release build; medians of $RUNS runs ($LATENCY_RUNS with latency)."
  echo
  echo "| scenario | rtkql | sequential curl | rtkql ÷ curl | Python script | Python ÷ rtkql |"
  echo "|---|---|---|---|---|---|"
  start_sandbox 16000 0
  side_by_side "16,000 recordings, 160 pages, no added latency" "$RUNS"
  ONE_PAGE_MS=$(median_ms 21 "$BIN exec --api-base-url $BASE -o csv \"SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE $SCOPE AND page_no = 1\"")
  VERSION_MS=$(median_ms 21 "$BIN --version")
  start_sandbox 16000 50
  side_by_side "the same, 50 ms per response" "$LATENCY_RUNS"
  PARALLEL_CURL_MS=$(median_ms "$LATENCY_RUNS" "$(parallel_curl_pages)")
  LATENCY_RTKQL_MS=$RTKQL_MS
  start_sandbox 240 0
  QUICKSTART_OFF=$(quickstart_requests 0)
  QUICKSTART_ON=$(quickstart_requests 60)
  start_sandbox 100000 0
  GROUP_RSS=$(peak_rss_mib "$BIN" exec --api-base-url "$BASE" -o csv "$QUERY")
  ALL_RSS=$(peak_rss_mib "$BIN" exec --api-base-url "$BASE" -o csv "SELECT * FROM cloudflare.realtime_kit.recordings WHERE $SCOPE")
  LARGE_MS=$(median_ms 3 "$(rtkql_query)")
  kill $SANDBOX; wait $SANDBOX 2>/dev/null || true; SANDBOX=""
  # A million recordings: ten apps of 100,000, the apps bound from the apps listing, the budget raised.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  APPS=()
  for n in 01 02 03 04 05 06 07 08 09 10; do APPS+=(--app-id "a11ce000-0000-4000-8000-0000000000$n"); done
  "$BIN" sandbox --port "$port" --recordings 100000 "${APPS[@]}" >/dev/null &
  SANDBOX=$!
  BASE=http://127.0.0.1:$port/client/v4
  for _ in $(seq 1 1200); do curl -s -o /dev/null "$BASE/accounts/$ACCOUNT/realtime/kit/apps" -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" && break; sleep 0.1; done
  MILLION="SELECT app_id, COUNT(*), SUM(file_size) FROM cloudflare.realtime_kit.recordings WHERE account_id = '$ACCOUNT' AND app_id IN (SELECT id FROM cloudflare.realtime_kit.apps WHERE account_id = '$ACCOUNT') GROUP BY app_id"
  MILLION_ROWS=$("$BIN" exec --api-base-url "$BASE" --rate-limit 1000000/1 -o csv -H "SELECT sum(n) FROM (${MILLION/COUNT(\*)/COUNT(*) AS n})" | tr -d '\r')
  [ "$MILLION_ROWS" = "1000000" ] || { echo "the million-recording query counted $MILLION_ROWS"; exit 1; }
  MILLION_MS=$(median_ms 2 "$BIN exec --api-base-url $BASE --rate-limit 1000000/1 -o csv \"$MILLION\"")
  MILLION_RSS=$(peak_rss_mib "$BIN" exec --api-base-url "$BASE" --rate-limit 1000000/1 -o csv "$MILLION")
  kill $SANDBOX; wait $SANDBOX 2>/dev/null || true; SANDBOX=""
  echo
  echo "| other | measured |"
  echo "|---|---|"
  echo "| \`rtkql --version\` | $VERSION_MS ms |"
  echo "| one-page query against a running sandbox, end to end | $ONE_PAGE_MS ms |"
  echo "| 100,000 recordings (1,000 pages): the GROUP BY query | $LARGE_MS ms, peak resident memory $GROUP_RSS MiB |"
  echo "| 100,000 recordings: \`SELECT *\`, every field kept | peak resident memory $ALL_RSS MiB |"
  echo "| 16,000 recordings, 50 ms per response: rtkql ÷ curl fetching the same pages 8 in parallel | $LATENCY_RTKQL_MS ms ÷ $PARALLEL_CURL_MS ms = **$(ratio "$LATENCY_RTKQL_MS" "$PARALLEL_CURL_MS")** |"
  echo "| examples/quickstart.iql (five statements, 240 recordings, 12 meetings): requests sent | $QUICKSTART_OFF with \`--cache-ttl 0\`, **$QUICKSTART_ON** with the session cache |"
  echo "| 1,000,000 recordings across ten apps, \`app_id IN (SELECT id FROM apps ...)\`, GROUP BY app_id | $MILLION_MS ms ($(python3 -c "print(f'{1_000_000 / ($MILLION_MS / 1000):,.0f}')") rows/s), peak resident memory $MILLION_RSS MiB |"
  echo
  echo "In-process (d), 16,000 recordings:"
  echo
  .build/release/rtkql-benchmarks 16000 | sed 's/^/    /'
} | tee "$RESULTS"
