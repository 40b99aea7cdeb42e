#!/usr/bin/env bash
# Public consultations at scale (issue "Co-programming"), on SQLite: the large plan of bench/generate_cascade.py
# (2,000 measures) put to consultation by bench/generate_consultation.py with 1,500 comments and 150 proposals:
#   - the consultation's page, the draft item by item with every comment thread, as a visitor reads it
#   - the statement on the proposals (page and CSV) and the consultation as JSON
#   - the list of consultations
# The time is the one khetane logs for each request (from routing to the response): median, 90th percentile and worst
# of RUNS requests after one warm-up request each.
#
# Usage: bench/consultation_pages.sh         Environment: RUNS=20, KHETANE_BINARY=… (default build/release/khetane)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" consultation

say "seeding, generating the cascade and the consultation ..."
"$binary" seed --database "$tmp/bench.db" --share-dir "$repo" > /dev/null
big=$(python3 "$repo/bench/generate_cascade.py" "$tmp/bench.db")
consultation=$(python3 "$repo/bench/generate_consultation.py" "$tmp/bench.db" "$big")

start_server "$tmp/bench.db"

measure "consultation, 2,000 measures, 1,500 comments (page)" "/consultations/$consultation"
measure "statement on 150 proposals (page)" "/consultations/$consultation/report"
measure "statement on 150 proposals (CSV)" "/consultations/$consultation/report?format=csv"
measure "consultation with comments and proposals (JSON)" "/api/v1/consultations/$consultation"
measure "list of consultations (page)" "/consultations"
