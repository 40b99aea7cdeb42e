#!/usr/bin/env bash
# Importing a large action plan with the command line, measured: `khetane import plan` of a generated plan of
# ${LINES} lines (objectives → measures → activities, Bulgarian text, budgets, dates, links to the EU objectives) into
# an empty municipal document of a fresh SQLite (or PostgreSQL) database, then a dry run, the export, and a re-import
# of the export (every line kept), as CSV and as XLSX.
# Target: the import takes at most 5 s on SQLite (wall clock, the whole process: reading the file, checking it,
# storing it).
#
# Usage: bench/import_plan.sh                      DATABASE=postgres bench/import_plan.sh
# Environment:
#   DATABASE=sqlite      or postgres: a throwaway PostgreSQL 15 on this machine (scripts/with-postgres, fsync off);
#                        each run gets its own copy of the seeded database (CREATE DATABASE … TEMPLATE)
#   LINES=50000          lines of the generated plan
#   RUNS=3               runs of each step, each on its own copy of the seeded database (the median is reported)
#   KHETANE_BINARY=...   the khetane to measure (default build/release/khetane, built with the release preset if missing)
#   KEEP_TMP=1           keep the temporary directory (databases, plan, exports, outputs)
#   BENCH_STRICT=1       exit with status 3 when the target is missed (default: report only, exit 0)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LINES=${LINES:-50000}
RUNS=${RUNS:-3}
TARGET_SECONDS=5
TIME=${TIME:-/usr/bin/time}

DATABASE=${DATABASE:-sqlite}
PSQL=${PSQL:-psql}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in "$TIME" python3; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian packages: time python3)"
done
source "$repo/bench/plan_database.sh"
check_database_choice "$@"
server_url=${KHETANE_TEST_POSTGRES_URL:-}; server_url=${server_url%/*}

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

# --- temporary directory and clean-up -----------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-bench-import.XXXXXX")
cleanup() {
  local status=$?
  if [[ -n ${KEEP_TMP:-} ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a seeded database with an empty action plan for Лом --------------------------------------------------
say "seeding a database (places, reference documents) ..."
if [[ $DATABASE == postgres ]]; then
  "$PSQL" -q "$KHETANE_TEST_POSTGRES_URL" -c 'CREATE DATABASE khetane_seeded' || die "CREATE DATABASE failed"
  "$binary" seed --database "$server_url/khetane_seeded" > "$tmp/seed.txt" 2>&1 ||
    { cat "$tmp/seed.txt" >&2; die "seed failed"; }
  document=$(new_plan_document "$server_url/khetane_seeded" draft) || die "could not create the document"
else
  "$binary" seed --database "$tmp/seeded.db" > "$tmp/seed.txt" 2>&1 || { cat "$tmp/seed.txt" >&2; die "seed failed"; }
  document=$(new_plan_document "$tmp/seeded.db" draft) || die "could not create the document"
fi

# --- the plan ---------------------------------------------------------------------------------------------
say "generating a plan of $LINES lines ..."
python3 "$repo/bench/generate_plan.py" "$LINES" "$tmp/plan.csv"
plan_bytes=$(stat -c %s "$tmp/plan.csv")

# --- measure -----------------------------------------------------------------------------------------------
# Runs khetane with ARGUMENTS on database DB; records wall seconds, CPU seconds and peak memory under NAME.RUN.
timed() { # NAME RUN DB ARGUMENTS...
  local name=$1 run=$2 database=$3
  shift 3
  if ! "$TIME" -f '%e %M %U %S' -o "$tmp/time-$name.$run" "$binary" "$@" --database "$database" \
    > "$tmp/out-$name.$run" 2> "$tmp/err-$name.$run"; then
    cat "$tmp/out-$name.$run" "$tmp/err-$name.$run" >&2
    die "khetane $* failed"
  fi
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seconds_of() { for run in $(seq "$RUNS"); do cut -d' ' -f1 "$tmp/time-$1.$run"; done | median; }
memory_of() { for run in $(seq "$RUNS"); do cut -d' ' -f2 "$tmp/time-$1.$run"; done | median; }
cpu_of() { for run in $(seq "$RUNS"); do awk '{ printf "%.2f\n", $3 + $4 }' "$tmp/time-$1.$run"; done | median; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$RUNS"); do
  say "run $run of $RUNS ..."
  if [[ $DATABASE == postgres ]]; then
    "$PSQL" -q "$KHETANE_TEST_POSTGRES_URL" -c "CREATE DATABASE khetane_run_$run TEMPLATE khetane_seeded" ||
      die "could not copy the seeded database"
    database="$server_url/khetane_run_$run"
  else
    database="$tmp/run-$run.db"
    cp "$tmp/seeded.db" "$database"
  fi
  timed dry-run "$run" "$database" import plan "$tmp/plan.csv" --document "$document" --dry-run
  timed import "$run" "$database" import plan "$tmp/plan.csv" --document "$document"
  grep -q "^created $LINES, changed 0, unchanged 0$" "$tmp/out-import.$run" ||
    { cat "$tmp/out-import.$run" >&2; die "the import did not create $LINES items"; }
  timed export-csv "$run" "$database" export plan "$document" --output "$tmp/export-$run.csv"
  timed reimport-csv "$run" "$database" import plan "$tmp/export-$run.csv" --document "$document"
  timed export-xlsx "$run" "$database" export plan "$document" --format xlsx --output "$tmp/export-$run.xlsx"
  timed reimport-xlsx "$run" "$database" import plan "$tmp/export-$run.xlsx" --document "$document"
  for name in reimport-csv reimport-xlsx; do
    grep -q "^created 0, changed 0, unchanged $LINES$" "$tmp/out-$name.$run" ||
      { cat "$tmp/out-$name.$run" >&2; die "$name changed something"; }
  done
  if [[ $DATABASE == postgres ]]; then
    "$PSQL" -q "$KHETANE_TEST_POSTGRES_URL" -c "DROP DATABASE khetane_run_$run" || die "DROP DATABASE failed"
  else
    rm -f "$database"*
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

import_seconds=$(seconds_of import)
import_ok=$(awk -v s="$import_seconds" -v t="$TARGET_SECONDS" 'BEGIN { print (s <= t) ? "yes" : "NO" }')

# --- report ------------------------------------------------------------------------------------------------
if [[ $DATABASE == postgres ]]; then
  version=$("$PSQL" "$KHETANE_TEST_POSTGRES_URL" -qAt -c 'SHOW server_version' | cut -d' ' -f1)
  # The CPU column is khetane's alone: the server's work shows in the wall clock only.
  database_line="PostgreSQL $version (scripts/with-postgres, fsync off)"
else
  database_line="SQLite"
fi
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
line() {
  printf '| %-48s | %7s s | %7s s | %7.0f MiB |\n' "$1" "$(seconds_of "$2")" "$(cpu_of "$2")" \
    "$(awk -v k="$(memory_of "$2")" 'BEGIN { print k / 1024 }')"
}
cat << EOF

Khetane action-plan import — $(date -u '+%Y-%m-%d %H:%M UTC')
machine : $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
load    : ${load_before} before, ${load_after} after (1/5/15-minute load averages)
binary  : $binary
plan    : $LINES lines (50 objectives, 1,000 measures, $((LINES - 1050)) activities), $plan_bytes bytes of CSV;
          $database_line, a fresh copy of a seeded database for each run;
          median of $RUNS runs of the whole process
          (time: wall clock; CPU: user + system, which other work on the machine changes less)

| step                                             |      time |       CPU | peak memory |
|--------------------------------------------------|----------:|----------:|------------:|
$(line "import plan (every line created)" import)
$(line "import plan --dry-run (before the import)" dry-run)
$(line "export plan --format csv" export-csv)
$(line "import plan of the CSV export (every line kept)" reimport-csv)
$(line "export plan --format xlsx" export-xlsx)
$(line "import plan of the XLSX export (every line kept)" reimport-xlsx)

import : $import_seconds s   (target <= $TARGET_SECONDS s on SQLite: $import_ok)
EOF

if [[ $DATABASE == postgres ]]; then
  echo "RESULT: measured (the target is SQLite's)"
elif [[ $import_ok != yes ]]; then
  echo "RESULT: target MISSED"
  [[ -n ${BENCH_STRICT:-} ]] && exit 3
else
  echo "RESULT: target holds"
fi
