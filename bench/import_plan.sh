#!/usr/bin/env bash
# Importing a large action plan with the command line, measured: `khetane import plan` of a generated plan of
# ${LINES} lines (objectives → measures → activities, Bulgarian text, budgets, dates, links to the EU objectives) into
# an empty municipal document of a fresh SQLite database, then a dry run, the export, and a re-import of the export
# (every line kept), as CSV and as XLSX.
# Target: the import takes at most 5 s (wall clock, the whole process: reading the file, checking it, storing it).
#
# Usage: bench/import_plan.sh
# Environment:
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

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in "$TIME" python3; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian packages: time python3)"
done

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
"$binary" seed --database "$tmp/seeded.db" > "$tmp/seed.txt" 2>&1 || { cat "$tmp/seed.txt" >&2; die "seed failed"; }
document=$(python3 - "$tmp/seeded.db" << 'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
cursor = db.execute(
    "INSERT INTO policy_documents (level, kind, title, period_start, period_end, oblast_code, municipality_code, "
    "status, created_at, updated_at) VALUES ('municipal', 'action_plan', 'План за действие на община Лом (бенчмарк)', "
    "2027, 2030, 'MON', 'MON24', 'draft', ?, ?)", (now, now))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(cursor.lastrowid)
PY
)

# --- the plan ---------------------------------------------------------------------------------------------
say "generating a plan of $LINES lines ..."
python3 - "$LINES" "$tmp/plan.csv" << 'PY'
import csv, sys
lines, path = int(sys.argv[1]), sys.argv[2]
sources = ["municipal", "esf_plus", "erdf", "eea_norway", "swiss", "other"]
columns = ["uid", "kind", "parent", "code", "title", "title_en", "description", "areas", "implements", "responsible",
           "partners", "target_group", "settlement", "start", "end", "deadline", "beneficiaries", "expected_result",
           "official_status", "progress"] + [f"{s}_{a}" for s in sources for a in ("planned", "secured", "spent")]
areas = ["education", "health", "employment", "housing"]
statuses = ["planned", "in_progress", "completed", "delayed", "cancelled"]
objectives, measures_each = 50, 20
measures = objectives * measures_each
activities = lines - objectives - measures
assert activities >= measures, "LINES is too small for 50 objectives of 20 measures each"
rows = []
def row(**values):
    rows.append([values.get(c, "") for c in columns])
n = 0
for o in range(1, objectives + 1):
    area = areas[o % 4]
    row(kind="objective", code=f"{o}", title=f"Цел {o}: равен достъп – „{area}“", title_en=f"Objective {o}",
        areas=f"bg2021:{area};eu2020:{area}", implements=f"eu-2020-o{4 + o % 4}")
    for m in range(1, measures_each + 1):
        index = (o - 1) * measures_each + m - 1
        row(kind="measure", parent=f"{o}", code=f"{o}.{m}", title=f"Мярка {o}.{m}: медиатори и услуги",
            title_en=f"Measure {o}.{m}", areas=f"bg2021:{area}",
            implements=f"eu-2020-o{4 + o % 4}" if m % 5 == 0 else "")
        count = activities // measures + (1 if index < activities % measures else 0)
        for a in range(1, count + 1):
            n += 1
            planned = 1000 + (n * 37) % 90000
            row(kind="activity", parent=f"{o}.{m}", code=f"{o}.{m}.{a}",
                title=f"Дейност {o}.{m}.{a}: обучение на „{n % 40 + 1}“ души от квартал Младеново",
                title_en=f"Activity {o}.{m}.{a}",
                description=f"Описание на дейността, ред първи;\nред втори с \"кавички\" ({n})" if n % 10 == 0 else "",
                responsible="Община Лом", partners="Регионално управление на образованието – Монтана",
                target_group="Деца и родители", settlement="44238",
                start="2027-01-01", end="31.12.2028", deadline=f"{1 + n % 28:02d}.06.2028",
                beneficiaries=str(n % 500), expected_result="Повече деца завършват училище",
                official_status=statuses[n % 5], progress="" if n % 3 == 0 else str(n % 101),
                municipal_planned=f"{planned}.50", municipal_secured=f"{planned // 2}", municipal_spent=f"{planned // 4},25",
                esf_plus_planned="12 000,00" if n % 4 == 0 else "")
with open(path, "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
PY
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
  database="$tmp/run-$run.db"
  cp "$tmp/seeded.db" "$database"
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
  rm -f "$database"*
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

import_seconds=$(seconds_of import)
import_ok=$(awk -v s="$import_seconds" -v t="$TARGET_SECONDS" 'BEGIN { print (s <= t) ? "yes" : "NO" }')

# --- report ------------------------------------------------------------------------------------------------
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
          SQLite, a fresh copy of a seeded database for each run; median of $RUNS runs of the whole process
          (time: wall clock; CPU: user + system, which other work on the machine changes less)

| step                                             |      time |       CPU | peak memory |
|--------------------------------------------------|----------:|----------:|------------:|
$(line "import plan (every line created)" import)
$(line "import plan --dry-run (before the import)" dry-run)
$(line "export plan --format csv" export-csv)
$(line "import plan of the CSV export (every line kept)" reimport-csv)
$(line "export plan --format xlsx" export-xlsx)
$(line "import plan of the XLSX export (every line kept)" reimport-xlsx)

import : $import_seconds s   (target <= $TARGET_SECONDS s: $import_ok)
EOF

if [[ $import_ok != yes ]]; then
  echo "RESULT: target MISSED"
  [[ -n ${BENCH_STRICT:-} ]] && exit 3
else
  echo "RESULT: target holds"
fi
