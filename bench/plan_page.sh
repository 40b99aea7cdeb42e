#!/usr/bin/env bash
# The document page of a large action plan, served from PostgreSQL (or SQLite): a plan of LINES lines written by
# bench/generate_plan.py (50 objectives, 1,000 measures, the rest activities) is imported with `khetane import plan`
# into a seeded database, then its page `/policies/documents/ID` is measured two ways:
#   - the server time khetane logs for each request (routing to response): median, p90 and worst of RUNS requests
#     one after the other, after one warm-up request (bench/server_timing.sh);
#   - wrk: requests per second and latency percentiles with CONNECTIONS connections for DURATION seconds, after a
#     3 s warm-up (wrk and the server share the machine).
# Made to compare two builds on the same data, e.g. two PostgreSQL client libraries: run it with each KHETANE_BINARY.
#
# Usage: bench/plan_page.sh
# Environment:
#   DATABASE=postgres    or sqlite; postgres is a throwaway PostgreSQL 15 on this machine (scripts/with-postgres,
#                        fsync off)
#   LINES=3050           lines of the plan (at least 2,050): 3,050 is 50 objectives, 1,000 measures, 2,000 activities
#   RUNS=20 CONNECTIONS=4 DURATION=15   KHETANE_BINARY=... (default build/release/khetane)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATABASE=${DATABASE:-postgres}
LINES=${LINES:-3050}
CONNECTIONS=${CONNECTIONS:-4}
DURATION=${DURATION:-15}
WRK=${WRK:-wrk}
PSQL=${PSQL:-psql}

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
for tool in "$WRK" curl python3; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian packages: wrk curl python3)"
done
source "$repo/bench/plan_database.sh"
check_database_choice "$@"

source "$repo/bench/server_timing.sh" plan-page

say "seeding a database and importing a plan of $LINES lines ..."
if [[ $DATABASE == postgres ]]; then
  database=$KHETANE_TEST_POSTGRES_URL
else
  database=$tmp/bench.db
fi
"$binary" seed --database "$database" --share-dir "$repo" > "$tmp/seed.txt" 2>&1 ||
  { cat "$tmp/seed.txt" >&2; die "seed failed"; }
document=$(new_plan_document "$database" adopted) || die "could not create the document"
python3 "$repo/bench/generate_plan.py" "$LINES" "$tmp/plan.csv"
"$binary" import plan "$tmp/plan.csv" --document "$document" --database "$database" --share-dir "$repo" \
  > "$tmp/import.txt" 2>&1 || { cat "$tmp/import.txt" >&2; die "the import failed"; }
if [[ $DATABASE == postgres ]]; then
  "$PSQL" "$database" -q -c 'VACUUM ANALYZE'
  server_version=$("$PSQL" "$database" -qAt -c 'SHOW server_version' | cut -d' ' -f1)
fi

start_server "$database"
path=/policies/documents/$document
url=http://127.0.0.1:$port$path
[[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]] || die "GET $path did not answer 200"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
server_time=$(measure "document page, $LINES items" "$path")
"$WRK" -t2 -c"$CONNECTIONS" -d3s "$url" > /dev/null 2>&1
"$WRK" -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$tmp/wrk.txt" 2>&1 ||
  { cat "$tmp/wrk.txt" >&2; die "wrk failed"; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
grep -q 'Non-2xx' "$tmp/wrk.txt" && { cat "$tmp/wrk.txt" >&2; die "some answers were not 200"; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
latency() { awk -v p="$1" '$1 == p { print $2 }' "$tmp/wrk.txt"; }
cat << EOF

Khetane plan document page — $(date -u '+%Y-%m-%d %H:%M UTC')
machine  : $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr)
load     : ${load_before} before, ${load_after} after (1/5/15-minute load averages)
binary   : $binary
database : ${DATABASE}${server_version:+ $server_version (scripts/with-postgres, fsync off)}; the plan: $LINES lines
$server_time
wrk -t2 -c$CONNECTIONS -d${DURATION}s: $(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk.txt") requests/s, latency p50 $(latency 50%) p75 $(latency 75%) p90 $(latency 90%) p99 $(latency 99%)
EOF
