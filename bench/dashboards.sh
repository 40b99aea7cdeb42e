#!/usr/bin/env bash
# Dashboards at national scale (issue "Dashboards, maps, scorecards and open data"), on SQLite:
#   265 municipal plans with about 50,000 measures (bench/generate_cascade.py), 200,000 verified community
#   assessments in 265 cycles (bench/generate_nationwide_monitoring.py) and 1,000,000 indicator observations
#   (bench/generate_observations.py, loaded with `khetane import values`).
# Measures:
#   1. first renders, in server time (what khetane logs from routing to the response): the home page's map, the
#      national overview, and scorecards — the first after start (every figure of every municipality read), then
#      SCORECARDS more, each its first render with the figures kept (target: a scorecard's first render ≤ 50 ms);
#   2. the home page and a scorecard, kept for visitors, against nginx serving the same bytes (bench/page_vs_nginx.sh):
#      the server on one core and wrk on the other (PIN=1), then all sharing both cores (PIN=0). Targets: p99 ≤ 20 ms
#      and at least 0.5 of nginx's requests/s.
#
# Usage: bench/dashboards.sh
# Environment: OBSERVATIONS=1000000 (0 skips them), ASSESSMENTS=200000, SCORECARDS=10, DURATION=10,
#              KHETANE_BINARY=… (default build/release/khetane), KEEP_TMP=1 (keeps national.db),
#              REUSE=FILE (a national.db kept before, instead of generating one)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OBSERVATIONS=${OBSERVATIONS:-1000000}
ASSESSMENTS=${ASSESSMENTS:-200000}
SCORECARDS=${SCORECARDS:-10}
export DURATION=${DURATION:-10}
say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

binary=${KHETANE_BINARY:-$repo/build/release/khetane}
if [[ ! -x $binary ]]; then
  say "building the release binary (cmake --preset release) ..."
  (cd "$repo" && cmake --preset release > /dev/null && cmake --build build/release --target khetane -j"$(nproc)") >&2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-dashboards.XXXXXX")
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  if [[ -n ${KEEP_TMP:-} ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
database=$tmp/national.db
run() { "$binary" "$@" --database "$database" --share-dir "$repo" > "$tmp/run.out" 2> "$tmp/run.err" ||
  { tail -n 20 "$tmp/run.out" "$tmp/run.err" >&2; die "khetane $* failed"; }; }

started=$SECONDS
if [[ -n ${REUSE:-} ]]; then
  cp "$REUSE" "$database"   # a database this script made before (KEEP_TMP=1 keeps it)
elif ((OBSERVATIONS > 0)); then
  say "generating $OBSERVATIONS observations ..."
  python3 "$repo/bench/generate_observations.py" "$tmp/data" --share-dir "$repo" --observations "$OBSERVATIONS" \
    --import-rows 1 > /dev/null
  run import indicators "$tmp/data/indicators.csv"   # migrates and seeds first
else
  run seed
fi
if [[ -z ${REUSE:-} ]]; then
  say "generating the cascade (265 plans, about 50,000 measures) ..."
  python3 "$repo/bench/generate_cascade.py" "$database" --objectives 10 --measures 19 --activities 2 > /dev/null
  say "generating $ASSESSMENTS verified assessments ..."
  python3 "$repo/bench/generate_nationwide_monitoring.py" "$database" --assessments "$ASSESSMENTS"
fi
if [[ -z ${REUSE:-} ]] && ((OBSERVATIONS > 0)); then
  for file in "$tmp"/data/values-*.csv; do
    say "  loading $(basename "$file") ..."
    run import values "$file"
  done
fi
counts=$(python3 - "$database" << 'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def count(sql):
    return db.execute(sql).fetchone()[0]
print(f"{count('SELECT COUNT(*) FROM policy_items WHERE kind = ' + repr('measure'))} measures, "
      f"{count('SELECT COUNT(*) FROM policy_items WHERE kind = ' + repr('activity'))} activities, "
      f"{count('SELECT COUNT(*) FROM assessments')} assessments, {count('SELECT COUNT(*) FROM observations')} "
      f"observations, {count('SELECT COUNT(DISTINCT municipality_code) FROM policy_documents WHERE demo = 0 AND level = ' + repr('municipal'))} "
      "municipalities with a plan")
PY
)
say "data ready in $((SECONDS - started)) s: $counts"

# --- 1. first renders ----------------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --database "$database" --share-dir "$repo" --listen "127.0.0.1:$port" --data-dir "$tmp/files" \
  > "$tmp/log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done
get() { curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H 'Accept-Language: bg' "http://127.0.0.1:$port$1"; }
# The server time of the latest request to PATH, from the access log ("… GET PATH 200 12.345ms id").
logged_ms() {
  awk -v p="$1" '{ for (i = 1; i < NF; ++i) if ($i == "GET" && $(i + 1) == p) t = $(i + 3) }
                 END { sub(/ms$/, "", t); print t }' "$tmp/log"
}
codes=$(python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (code,) in db.execute("SELECT DISTINCT municipality_code FROM policy_documents WHERE level = '"'"'municipal'"'"' AND demo = 0 ORDER BY municipality_code LIMIT ?", (int(sys.argv[2]) + 1,)):
    print(code)' "$database" "$SCORECARDS")
mapfile -t scorecards <<< "$codes"
report=()
first=${scorecards[0]}
say "first renders ..."
read -r status bytes < <(get "/scorecards/$first")
[[ $status == 200 ]] || die "/scorecards/$first answered $status"
report+=("scorecard $first, the first after start (every figure read): $(logged_ms "/scorecards/$first") ms, $bytes bytes")
times=()
for code in "${scorecards[@]:1}"; do
  read -r status bytes < <(get "/scorecards/$code")
  [[ $status == 200 ]] || die "/scorecards/$code answered $status"
  times+=("$(logged_ms "/scorecards/$code")")
done
report+=("scorecards, first render each with the figures kept (${#times[@]}): $(printf '%s\n' "${times[@]}" |
  sort -n | awk '{ v[NR] = $1 } END { printf "median %.1f ms, worst %.1f ms", v[int((NR + 1) / 2)], v[NR] }')")
read -r status bytes < <(get "/")
report+=("home page (map of 265 municipalities), first render: $(logged_ms "/") ms, $bytes bytes")
read -r status bytes < <(get "/overview")
report+=("national overview (265 rows × 6 figures), first render: $(logged_ms "/overview") ms, $bytes bytes")
read -r status bytes < <(get "/scorecards/$first")
report+=("scorecard $first again (kept): $(logged_ms "/scorecards/$first") ms")
kill -TERM "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=

# --- 2. kept pages against nginx -----------------------------------------------------------------------------
compare() { # NAME PATH EXPECT PIN
  say "against nginx: $1, PIN=$4 ..."
  DATABASE=$database PAGE_PATH=$2 EXPECT=$3 PIN=$4 TARGET_RATIO=0.5 TARGET_P99_MS=20 KHETANE_BINARY=$binary \
    "$repo/bench/page_vs_nginx.sh" > "$tmp/compare-$1-$4.txt" || die "bench/page_vs_nginx.sh failed for $2"
}
compare home / 'country-map-heading' 1
compare scorecard "/scorecards/$first" 'Карта на резултатите' 1
compare home / 'country-map-heading' 0
compare scorecard "/scorecards/$first" 'Карта на резултатите' 0

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cat << EOF

Khetane dashboards at national scale — $(date -u '+%Y-%m-%d %H:%M UTC')
machine : $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)
data    : $counts

First renders (server time; target: a scorecard ≤ 50 ms)
$(printf '  %s\n' "${report[@]}")

Kept pages against nginx (targets: p99 ≤ 20 ms, ≥ 0.5 of nginx's requests/s)
EOF
for name in home scorecard; do
  for pin in 1 0; do
    echo "--- $name, $([[ $pin == 1 ]] && echo "server on one core, wrk on the other" || echo "sharing both cores") ---"
    sed -n '/^| server/,$p' "$tmp/compare-$name-$pin.txt"
  done
done
