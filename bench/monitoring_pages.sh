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

source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" monitoring

say "seeding, generating the cascade and the assessments ..."
"$binary" seed --database "$tmp/bench.db" --share-dir "$repo" > /dev/null
big=$(python3 "$repo/bench/generate_cascade.py" "$tmp/bench.db")
measure_id=$(python3 "$repo/bench/generate_assessments.py" "$tmp/bench.db" "$big")

start_server "$tmp/bench.db"

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
