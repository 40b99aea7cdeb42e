#!/usr/bin/env bash
# Visitors reading public pages at once, as the issue "Reliability and security suite" measured them: the list of
# places, a municipality, the demo plan, a country-wide cascade's gap analysis (page and JSON), with `wrk -t2 -c64`
# for DURATION seconds (default 30), on SQLite, with the country-wide cascade of bench/generate_cascade.py (265
# municipal plans). Prints wrk's figures as one "public-mix:" line (bench/public_mix.lua).
#
# Usage: bench/public_mix.sh       Environment: DURATION=30, CONNECTIONS=64, KHETANE_BINARY=… (default the release build)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" public-mix

say "seeding and generating the cascade ..."
"$binary" seed --database "$tmp/bench.db" --share-dir "$repo" > /dev/null
big=$(python3 "$repo/bench/generate_cascade.py" "$tmp/bench.db")
start_server "$tmp/bench.db"

paths="/places /places/municipalities/MON24 /policies/documents/$big /policies/gaps?scope=country"
paths+=" /api/v1/policies/gaps?scope=country /policies/gaps?scope=oblast:MON"
for path in $paths; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  [[ $status == 200 ]] || { say "public-mix: $path answered $status"; exit 1; }
done
PUBLIC_MIX_PATHS=$paths wrk -t2 -c"${CONNECTIONS:-64}" -d"${DURATION:-30}s" --latency -s "$repo/bench/public_mix.lua" \
  "http://127.0.0.1:$port" | grep '^public-mix:'
