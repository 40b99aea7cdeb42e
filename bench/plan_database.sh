# Sourced by the benchmarks that import a plan (bench/import_plan.sh, bench/plan_page.sh): the database they run on.

# check_database_choice ARGUMENTS…: DATABASE is sqlite or postgres; for postgres the whole benchmark runs again inside
# scripts/with-postgres, which stops and removes the server when it ends.
check_database_choice() {
  case $DATABASE in
    sqlite) ;;
    postgres)
      command -v "$PSQL" > /dev/null || die "$PSQL is missing (Debian package: postgresql-client-15)"
      [[ -n ${KHETANE_TEST_POSTGRES_URL:-} ]] || exec "$repo/scripts/with-postgres" "$0" "$@"
      ;;
    *) die "DATABASE: '$DATABASE' is neither sqlite nor postgres" ;;
  esac
}

# new_plan_document DATABASE STATUS: adds an empty municipal action plan of Лом to a seeded database (a postgresql://
# URL, through $PSQL, or a SQLite file) with the given status, and prints its id.
new_plan_document() {
  local database=$1 status=$2
  if [[ $database == postgresql://* || $database == postgres://* ]]; then
    "$PSQL" "$database" -qAt -c "
      INSERT INTO policy_documents (level, kind, title, period_start, period_end, oblast_code, municipality_code,
        status, created_at, updated_at)
      VALUES ('municipal', 'action_plan', 'План за действие на община Лом (бенчмарк)', 2027, 2030, 'MON', 'MON24',
        '$status', EXTRACT(EPOCH FROM now())::bigint, EXTRACT(EPOCH FROM now())::bigint)
      RETURNING id"
  else
    python3 - "$database" "$status" << 'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
cursor = db.execute(
    "INSERT INTO policy_documents (level, kind, title, period_start, period_end, oblast_code, municipality_code, "
    "status, created_at, updated_at) VALUES ('municipal', 'action_plan', 'План за действие на община Лом (бенчмарк)', "
    "2027, 2030, 'MON', 'MON24', ?, ?, ?)", (sys.argv[2], now, now))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(cursor.lastrowid)
PY
  fi
}
