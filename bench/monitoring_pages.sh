#!/usr/bin/env bash
# Community monitoring at scale (issue "Community monitoring"), on SQLite, with the country-wide cascade of
# bench/generate_cascade.py (Лом has a plan of 2,000 measures) and bench/generate_assessments.py (a verified
# assessment of each of those measures, 200 of the first one):
#   - a measure's page with 200 verified assessments (target ≤ 50 ms of server time)
#   - the discrepancy list of Лом, 2,000 measures assessed, as a page and as JSON (target ≤ 100 ms)
#   - a 6 MB phone photo made into evidence (target ≤ 1 s, memory bounded): bench/evidence_photo.cpp
# The time is the one khetane logs for each request (from routing to the response): median, 90th percentile and worst
# of RUNS requests after one warm-up request each.
#
# Usage: bench/monitoring_pages.sh         Environment: RUNS=20, KHETANE_BINARY=… (default build/release/khetane)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-20}
say() { printf '%s\n' "$*" >&2; }

binary=${KHETANE_BINARY:-$repo/build/release/khetane}
if [[ ! -x $binary ]]; then
  say "building the release binary (cmake --preset release) ..."
  (cd "$repo" && cmake --preset release > /dev/null && cmake --build build/release --target khetane -j"$(nproc)") >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-monitoring.XXXXXX")
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

say "seeding, generating the cascade and the assessments ..."
"$binary" seed --database "$tmp/bench.db" --share-dir "$repo" > /dev/null
big=$(python3 "$repo/bench/generate_cascade.py" "$tmp/bench.db")
measure_id=$(python3 "$repo/bench/generate_assessments.py" "$tmp/bench.db" "$big")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --database "$tmp/bench.db" --share-dir "$repo" --listen "127.0.0.1:$port" >> "$tmp/log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done

measure() {
  local label=$1 path=$2 runs=${3:-$RUNS}
  curl -s -o /dev/null "http://127.0.0.1:$port$path"
  : > "$tmp/log"
  for _ in $(seq "$runs"); do curl -s -o "$tmp/body" "http://127.0.0.1:$port$path"; done
  local size
  size=$(stat -c %s "$tmp/body")
  grep -ao ' [0-9]*\.[0-9]*ms' "$tmp/log" | tr -d ' ms' | sort -n |
    awk -v label="$label" -v size="$size" '{ t[NR] = $1 } END {
      printf "%-52s median %7.2f ms   p90 %7.2f ms   max %7.2f ms   (%d requests, %d bytes)\n",
        label, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR, size }'
}

measure "measure page, 200 verified assessments" "/policies/items/$measure_id"
measure "discrepancies of Лом, 2,000 measures (page)" "/monitoring/places/MON24"
measure "discrepancies of Лом, 2,000 measures (JSON)" "/api/v1/monitoring/places/MON24/discrepancies"
cycle=$(sqlite3 "$tmp/bench.db" "SELECT MAX(id) FROM monitoring_cycles")
measure "shadow report, 2,200 assessments (page)" "/monitoring/cycles/$cycle/report" 5

say "a 6 MB phone photo made into evidence ..."
photo_bench=$(dirname "$binary")/evidence_photo_bench
if [[ ! -x $photo_bench ]]; then
  (cd "$repo" && cmake --build "$(dirname "$binary")" --target evidence_photo_bench -j"$(nproc)") >&2
fi
"$photo_bench" - 10
