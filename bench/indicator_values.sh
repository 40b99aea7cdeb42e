#!/usr/bin/env bash
# Indicator values at the scale of a country, measured (issue: indicators, targets and observations):
#   - the national panel, every oblast × every indicator × the years FROM–TO, as a page and as JSON
#     (GET /indicators/national?from=…&to=… and /api/v1/indicators/national?from=…&to=…), with ${OBSERVATIONS}
#     observations in the database, on each backend of BACKENDS. Target: at most 100 ms of server time (the time
#     khetane logs for each request, from routing to the response) in the median of RUNS requests after a warm-up;
#     the 90th percentile and the worst are reported beside it.
#   - `khetane import values` of a DHIS2 dataValues CSV of ${IMPORT_ROWS} rows into a fresh SQLite database (seeded,
#     with the generated indicators), and its dry run. Target: the import takes at most 5 s (wall clock, the whole
#     process: reading the file, checking every row, storing it in one transaction).
# bench/generate_observations.py writes the data: 20 typed indicators (the reference library's and generated ones,
# broken down by sex and age), observations of the 28 oblasts and 265 municipalities over 10 years, every breakdown,
# official and civic series; every cell of a year first, then quarters. They are loaded through
# `khetane import indicators` and `khetane import values`, ROWS_PER_FILE rows a file, as an administrator would.
# PostgreSQL is a throwaway PostgreSQL 15 started by scripts/with-postgres (fsync off), on this machine.
#
# Usage: bench/indicator_values.sh
# Environment:
#   OBSERVATIONS=1000000  observations in the database the panel is measured on
#   ROWS_PER_FILE=100000  rows of each dataValues file they are loaded from
#   IMPORT_ROWS=100000    rows of the file whose import is timed
#   RUNS=20               requests of each page, after WARMUP requests
#   WARMUP=3              requests of each page before those measured
#   IMPORT_RUNS=3         timed imports (and dry runs), each on its own copy of the fresh database (median reported)
#   BACKENDS="sqlite postgres"   where the panel is measured (the import is timed on SQLite, when it is listed)
#   FROM=2017 TO=2026     the years of the panel (and of the generated observations)
#   KHETANE_BINARY=...    the khetane to measure (default build/release/khetane, built with the release preset if missing)
#   KEEP_TMP=1            keep the temporary directory (data files, databases, logs, outputs)
#   BENCH_STRICT=1        exit with status 3 when a target is missed (default: report only, exit 0)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OBSERVATIONS=${OBSERVATIONS:-1000000}
ROWS_PER_FILE=${ROWS_PER_FILE:-100000}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
IMPORT_RUNS=${IMPORT_RUNS:-3}
BACKENDS=${BACKENDS:-sqlite postgres}
FROM=${FROM:-2017}
TO=${TO:-2026}
TARGET_PANEL_MS=100
TARGET_IMPORT_SECONDS=5
TIME=${TIME:-/usr/bin/time}
PSQL=${PSQL:-psql}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in "$TIME" python3 curl; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian packages: time python3 curl)"
done
for backend in $BACKENDS; do
  case $backend in
    sqlite) ;;
    postgres) command -v "$PSQL" > /dev/null || die "$PSQL is missing (Debian package: postgresql-client-15)" ;;
    *) die "BACKENDS: '$backend' is neither sqlite nor postgres" ;;
  esac
done
((TO >= FROM)) || die "TO=$TO is before FROM=$FROM"

# --- the khetane binary: a release build -------------------------------------------------------------------
binary=${KHETANE_BINARY:-$repo/build/release/khetane}
if [[ ! -x $binary ]]; then
  [[ -n ${KHETANE_BINARY:-} ]] && die "KHETANE_BINARY=$KHETANE_BINARY is not an executable"
  say "building the release binary (cmake --preset release) ..."
  (cd "$repo" && cmake --preset release > /dev/null && cmake --build build/release --target khetane -j"$(nproc)") >&2 ||
    die "the release build failed (see above); fix it, or point KHETANE_BINARY at a release-optimised khetane"
fi
if ! grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$(dirname "$binary")/CMakeCache.txt" 2> /dev/null; then
  say "warning: $binary does not come from a Release build tree: the figures will not be representative"
fi

# --- temporary directory, servers and clean-up ----------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-bench-indicators.XXXXXX")
server_pid=
postgres_pid=
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  server_pid=
}
stop_postgres() { # scripts/with-postgres stops its server once its command (waiting for this file) ends
  if [[ -n $postgres_pid ]]; then
    touch "$tmp/postgres-stop"
    wait "$postgres_pid" 2> /dev/null || true
  fi
  postgres_pid=
}
cleanup() {
  local status=$?
  stop_server
  stop_postgres
  if [[ -n ${KEEP_TMP:-} ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the data ----------------------------------------------------------------------------------------------
say "generating $OBSERVATIONS observations and an import of $IMPORT_ROWS rows ..."
python3 "$repo/bench/generate_observations.py" "$tmp/data" --share-dir "$repo" --observations "$OBSERVATIONS" \
  --rows-per-file "$ROWS_PER_FILE" --import-rows "$IMPORT_ROWS" --first-year "$FROM" --years "$((TO - FROM + 1))"
value_files=("$tmp"/data/values-*.csv)

# Runs khetane with ARGUMENTS on DATABASE; its output goes to $tmp/NAME.out and .err, and is shown if it fails.
run() { # NAME DATABASE ARGUMENTS...
  local name=$1 database=$2
  shift 2
  if ! "$binary" "$@" --database "$database" --share-dir "$repo" > "$tmp/$name.out" 2> "$tmp/$name.err"; then
    tail -n 30 "$tmp/$name.out" "$tmp/$name.err" >&2
    die "khetane $* failed"
  fi
}

# Seeds DATABASE (places, the reference library and Лом's demo values) and adds the generated indicators:
# `import indicators` migrates and seeds the database before it runs, as every module command that needs reference
# data does. (`khetane seed` would do the same, but at 2d8f14f it waits for a second connection in its pool of one
# while the indicators' reference data are loaded, and fails after 30 s.)
prepare() { # NAME DATABASE
  run "$1-indicators" "$2" import indicators "$tmp/data/indicators.csv"
  grep -q '^[0-9]* indicators added$' "$tmp/$1-indicators.out" ||
    die "khetane import indicators did not say what it added"
}

# Loads every values file into DATABASE, printing the progress; records the seconds it took in $tmp/load-NAME.
load() { # NAME DATABASE
  local name=$1 database=$2 started=$SECONDS loaded=0 n=0 file_started rows
  for file in "${value_files[@]}"; do
    n=$((n + 1))
    file_started=$(date +%s.%N)
    run "$name-load-$n" "$database" import values "$file"
    rows=$(($(wc -l < "$file") - 1))
    loaded=$((loaded + rows))
    say "  $name: $(basename "$file") loaded, $loaded of $OBSERVATIONS observations ($(
      awk -v s="$file_started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s for $rows rows)"
  done
  echo $((SECONDS - started)) > "$tmp/load-$name"
}

# --- the national panel: server time of each request ----------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
serve() { # NAME DATABASE
  local name=$1 database=$2
  port=$(free_port)
  "$binary" serve --database "$database" --share-dir "$repo" --listen "127.0.0.1:$port" >> "$tmp/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  tail -n 30 "$tmp/$name.log" >&2
  die "khetane serve did not answer on port $port"
}

# Records the server times of RUNS requests of PATH (after WARMUP requests) in $tmp/times-NAME, one a line, and the
# size of the last answer in $tmp/size-NAME; fails on an answer other than 200.
measure() { # NAME LOG PATH
  local name=$1 log=$2 path=$3 status
  for _ in $(seq "$WARMUP"); do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done
  : > "$log"
  for _ in $(seq "$RUNS"); do
    status=$(curl -s -o "$tmp/body-$name" -w '%{http_code}' "http://127.0.0.1:$port$path")
    [[ $status == 200 ]] || { head -c 2000 "$tmp/body-$name" >&2; die "GET $path answered $status"; }
  done
  stat -c %s "$tmp/body-$name" > "$tmp/size-$name"
  grep -a " GET ${path%%\?*} " "$log" | grep -ao ' [0-9]*\.[0-9]*ms' | tr -d ' ms' > "$tmp/times-$name"
  (($(wc -l < "$tmp/times-$name") == RUNS)) || die "the log of $name has $(wc -l < "$tmp/times-$name") times, not $RUNS"
}

panel_path="/indicators/national?from=$FROM&to=$TO"
api_path="/api/v1/indicators/national?from=$FROM&to=$TO"
measure_panel() { # BACKEND DATABASE
  say "$1: serving $OBSERVATIONS observations, $RUNS requests of each panel ..."
  serve "$1" "$2"
  measure "$1-html" "$tmp/$1.log" "$panel_path"
  measure "$1-json" "$tmp/$1.log" "$api_path"
  stop_server
}

count_sqlite() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT COUNT(*) FROM observations WHERE current = 1").fetchone()[0])' "$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- SQLite ------------------------------------------------------------------------------------------------
say "seeding a database and adding the generated indicators ..."
prepare fresh "$tmp/fresh.db"
reference_values=$(count_sqlite "$tmp/fresh.db") # the reference library's (FRA's figures for Bulgaria and the EU)
if [[ " $BACKENDS " == *" sqlite "* ]]; then
  say "timing the import of $IMPORT_ROWS rows, $IMPORT_RUNS runs ..."
  for n in $(seq "$IMPORT_RUNS"); do
    for step in dry-run import; do
      cp "$tmp/fresh.db" "$tmp/import-$n.db"
      flag=
      [[ $step == dry-run ]] && flag=--dry-run
      if ! "$TIME" -f '%e %M %U %S' -o "$tmp/time-$step.$n" "$binary" import values "$tmp/data/import.csv" $flag \
        --database "$tmp/import-$n.db" --share-dir "$repo" > "$tmp/$step.$n.out" 2> "$tmp/$step.$n.err"; then
        tail -n 30 "$tmp/$step.$n.out" "$tmp/$step.$n.err" >&2
        die "khetane import values $flag failed"
      fi
    done
    stored=$(($(count_sqlite "$tmp/import-$n.db") - reference_values))
    ((stored == IMPORT_ROWS)) || die "the import stored $stored values, not $IMPORT_ROWS"
    say "  run $n: import $(cut -d' ' -f1 "$tmp/time-import.$n") s, dry run $(cut -d' ' -f1 "$tmp/time-dry-run.$n") s"
    rm -f "$tmp/import-$n.db"*
  done

  say "sqlite: loading $OBSERVATIONS observations from ${#value_files[@]} files ..."
  cp "$tmp/fresh.db" "$tmp/panel.db"
  load sqlite "$tmp/panel.db"
  stored=$(($(count_sqlite "$tmp/panel.db") - reference_values))
  ((stored == OBSERVATIONS)) || die "the database holds $stored current values, not $OBSERVATIONS"
  du -m "$tmp"/panel.db* | awk '{ s += $1 } END { print s }' > "$tmp/size-sqlite-database"
  measure_panel sqlite "$tmp/panel.db"
fi

# --- PostgreSQL --------------------------------------------------------------------------------------------
if [[ " $BACKENDS " == *" postgres "* ]]; then
  say "postgres: starting a throwaway PostgreSQL (scripts/with-postgres) ..."
  "$repo/scripts/with-postgres" bash -c \
    'printf "%s\n" "$KHETANE_TEST_POSTGRES_URL" > "$1.tmp" && mv "$1.tmp" "$1"; until [[ -e $2 ]]; do sleep 0.2; done' \
    _ "$tmp/postgres-url" "$tmp/postgres-stop" > "$tmp/with-postgres.log" 2>&1 &
  postgres_pid=$!
  for _ in $(seq 600); do
    [[ -s $tmp/postgres-url ]] && break
    kill -0 "$postgres_pid" 2> /dev/null || { cat "$tmp/with-postgres.log" >&2; die "PostgreSQL did not start"; }
    sleep 0.1
  done
  url=$(cat "$tmp/postgres-url")
  prepare postgres "$url"
  say "postgres: loading $OBSERVATIONS observations from ${#value_files[@]} files ..."
  load postgres "$url"
  stored=$(($("$PSQL" "$url" -Atc 'SELECT COUNT(*) FROM observations WHERE current = 1') - reference_values))
  ((stored == OBSERVATIONS)) || die "the PostgreSQL database holds $stored current values, not $OBSERVATIONS"
  "$PSQL" "$url" -Atc 'VACUUM ANALYZE' > /dev/null
  "$PSQL" "$url" -Atc "SELECT pg_database_size(current_database()) / 1048576" > "$tmp/size-postgres-database"
  measure_panel postgres "$url"
  stop_postgres
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
quantile() { sort -n | awk -v q="$1" '{ v[NR] = $1 } END { i = int(NR * q + 0.5); if (i < 1) i = 1; print v[i] }'; }
worst() { sort -n | tail -n 1; }
missed=
panel_line() { # BACKEND KIND LABEL
  local name=$1-$2 median_ms worst_ms ok
  median_ms=$(median < "$tmp/times-$name")
  worst_ms=$(worst < "$tmp/times-$name")
  ok=$(awk -v m="$median_ms" -v t="$TARGET_PANEL_MS" 'BEGIN { print (m <= t) ? "yes" : "NO" }')
  [[ $ok == yes ]] || missed=yes
  printf '| %-10s | %-28s | %9.1f ms | %9.1f ms | %9.1f ms | %9.0f KB | %-3s |\n' "$1" "$3" "$median_ms" \
    "$(quantile 0.9 < "$tmp/times-$name")" "$worst_ms" "$(($(cat "$tmp/size-$name") / 1024))" "$ok"
}
import_of() { for n in $(seq "$IMPORT_RUNS"); do cut -d' ' -f"$2" "$tmp/time-$1.$n"; done; }
import_line() { # STEP LABEL
  printf '| %-40s | %7s s | %7s s | %7.0f MiB |\n' "$2" "$(import_of "$1" 1 | median)" \
    "$(for n in $(seq "$IMPORT_RUNS"); do awk '{ printf "%.2f\n", $3 + $4 }' "$tmp/time-$1.$n"; done | median)" \
    "$(import_of "$1" 2 | median | awk '{ print $1 / 1024 }')"
}
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
  cat << EOF

Khetane indicator values — $(date -u '+%Y-%m-%d %H:%M UTC')
machine : $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
load    : ${load_before} before, ${load_after} after (1/5/15-minute load averages)
binary  : $binary
data    : $OBSERVATIONS observations (current values) in ${#value_files[@]} dataValues files, 20 typed indicators,
          28 oblasts and 265 municipalities, $FROM–$TO; panel: GET $panel_path and $api_path,
          server time as khetane logs it, $RUNS requests after $WARMUP
EOF
  for backend in $BACKENDS; do
    [[ -e $tmp/load-$backend ]] &&
      echo "load    : $backend: $(cat "$tmp/load-$backend") s to load $OBSERVATIONS observations, database $(cat "$tmp/size-$backend-database") MB"
  done
  echo
  echo "| backend    | request                      |        median |           p90 |         worst |         size | ok  |"
  echo "|------------|------------------------------|--------------:|--------------:|--------------:|-------------:|-----|"
  for backend in $BACKENDS; do
    panel_line "$backend" html "national panel, page"
    panel_line "$backend" json "national panel, JSON"
  done
  echo
  echo "national panel: median of each at most $TARGET_PANEL_MS ms: $([[ -z $missed ]] && echo yes || echo NO)"
  if [[ -e $tmp/time-import.1 ]]; then
    import_seconds=$(import_of import 1 | median)
    import_ok=$(awk -v s="$import_seconds" -v t="$TARGET_IMPORT_SECONDS" 'BEGIN { print (s <= t) ? "yes" : "NO" }')
    [[ $import_ok == yes ]] || missed=yes
    cat << EOF

import of $IMPORT_ROWS rows on SQLite, into a copy of a fresh database; median of $IMPORT_RUNS runs of the whole process
(time: wall clock; CPU: user + system)

| step                                     |      time |       CPU | peak memory |
|------------------------------------------|----------:|----------:|------------:|
$(import_line import "import values ($IMPORT_ROWS rows)")
$(import_line dry-run "import values --dry-run")

import : $import_seconds s   (target <= $TARGET_IMPORT_SECONDS s: $import_ok)
EOF
  fi
  echo
  if [[ -n $missed ]]; then echo "RESULT: target MISSED"; else echo "RESULT: targets hold"; fi
}
if [[ -n $missed && -n ${BENCH_STRICT:-} ]]; then exit 3; fi
exit 0
