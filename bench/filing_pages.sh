#!/usr/bin/env bash
# Information requests and meetings at scale (issue "Meetings and the legal clock"), on SQLite: 10,000 requests,
# proposals and signals to the institutions of every municipality and 2,000 meetings (bench/generate_filings.py):
#   - the list of filings and how each institution answers, every deadline computed from the rules on the day
#   - one refused request's page, its letter, and the filings as CSV
#   - the meetings, one meeting's page, and a place's iCalendar feed
# The time is the one khetane logs for each request (from routing to the response): median, 90th percentile and worst
# of RUNS requests after one warm-up request each.
#
# Usage: bench/filing_pages.sh         Environment: RUNS=20, KHETANE_BINARY=… (default build/release/khetane)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" filings

say "seeding and generating 10,000 filings and 2,000 meetings ..."
"$binary" seed --database "$tmp/bench.db" --share-dir "$repo" > /dev/null
read -r refused meeting < <(python3 "$repo/bench/generate_filings.py" "$tmp/bench.db")

start_server "$tmp/bench.db"

measure_first "filings, first page of 10,000 (page, made)" "/requests"
measure_first "how institutions answer, 265 municipalities (page, made)" "/requests/institutions"
measure "filings, first page of 10,000 (page, kept)" "/requests"
measure "a refused request (page)" "/requests/$refused"
measure "its letter (page)" "/requests/$refused/letter"
measure "10,000 filings (CSV)" "/api/v1/requests?format=csv"
measure "meetings, 2,000 (page)" "/meetings"
measure "a meeting (page)" "/meetings/$meeting"
measure "a municipality's meetings (iCalendar)" "/meetings/places/MON24/calendar"
