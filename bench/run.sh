#!/usr/bin/env bash
# The benchmark suite (release build): starts the sandbox with N recordings and a latency, then
# times, side by side, (a) rtkql end to end, (b) bench/sequential.py (requests + sqlite3, what a
# user would otherwise write), (c) curl fetching the same pages over one keep-alive connection.
# Results: bench/results/latest.md (copy the table into docs/performance.md).
#
# usage: bench/run.sh [RECORDINGS=16000] [LATENCY_MS=0] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDINGS=${1:-16000}
LATENCY=${2:-0}
RUNS=${3:-5}
BIN=.build/release/rtkql
[ -x "$BIN" ] && [ -x .build/release/rtkql-benchmarks ] || swift build -c release
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ACCOUNT=c0ffee00c0ffee00c0ffee00c0ffee00
APP=a11ce000-0000-4000-8000-000000000001
TOKEN=rtkql-sandbox-token
BASE=http://127.0.0.1:$PORT/client/v4
"$BIN" sandbox --port "$PORT" --recordings "$RECORDINGS" --latency-ms "$LATENCY" >/dev/null &
SANDBOX=$!
trap 'kill $SANDBOX 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$BASE/accounts/$ACCOUNT/realtime/kit/$APP/recordings?per_page=1" -H "Authorization: Bearer $TOKEN" && break; sleep 0.1; done

PAGES=$(( (RECORDINGS + 99) / 100 ))
URLS=()
for page in $(seq 1 "$PAGES"); do URLS+=("$BASE/accounts/$ACCOUNT/realtime/kit/$APP/recordings?page_no=$page&per_page=100"); done
QUERY="SELECT status, COUNT(*), SUM(file_size) FROM cloudflare.realtime_kit.recordings WHERE account_id = '$ACCOUNT' AND app_id = '$APP' GROUP BY status"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2==1) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timeit() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

# Correctness first: rtkql's rows must equal the sequential script's.
ours=$(CLOUDFLARE_API_TOKEN=$TOKEN "$BIN" exec --api-base-url "$BASE" -o csv -H "$QUERY ORDER BY status" | tr -d '\r' | tr ',' '|')
theirs=$(python3 bench/sequential.py "$BASE" "$ACCOUNT" "$APP" "$TOKEN")
if [ "$ours" != "$theirs" ]; then echo "rtkql and the sequential script disagree:"; echo "$ours"; echo "---"; echo "$theirs"; exit 1; fi

declare -A RESULTS
for tool in rtkql python curl; do
  times=()
  for _ in $(seq 1 "$RUNS"); do
    case $tool in
      rtkql) times+=("$(CLOUDFLARE_API_TOKEN=$TOKEN timeit "$BIN" exec --api-base-url "$BASE" -o csv "$QUERY")") ;;
      python) times+=("$(timeit python3 bench/sequential.py "$BASE" "$ACCOUNT" "$APP" "$TOKEN")") ;;
      curl) times+=("$(timeit curl -s -H "Authorization: Bearer $TOKEN" "${URLS[@]}")") ;;
    esac
  done
  RESULTS[$tool]=$(printf '%s\n' "${times[@]}" | median)
done

mkdir -p bench/results
{
  echo "recordings=$RECORDINGS pages=$PAGES latency_ms=$LATENCY runs=$RUNS (medians, seconds)"
  echo
  echo "| tool | median s | vs rtkql |"
  echo "|---|---|---|"
  for tool in rtkql curl python; do
    echo "| $tool | ${RESULTS[$tool]} | $(echo "scale=2; ${RESULTS[$tool]} / ${RESULTS[rtkql]}" | bc) |"
  done
  echo
  echo "in-process (d):"
  .build/release/rtkql-benchmarks "$RECORDINGS" | sed 's/^/    /'
} | tee bench/results/latest.md
