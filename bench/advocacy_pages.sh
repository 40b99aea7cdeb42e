#!/usr/bin/env bash
# Advocacy at scale (issue "Allies, coalitions and advocacy campaigns"), on SQLite: one association's register of 5,000
# people and organisations, 50 coalitions of 60 members, a stakeholder map of 200 positions drawn three times, and 500
# campaigns with their actions (bench/generate_advocacy.py), read by a member of the association:
#   - the register (page, CSV, Popolo JSON)
#   - the coalition with its three maps drawn as SVG, the form of a new map, a campaign and its one-page brief
#   - the overview of every coalition and campaign, and the campaigns as open data
# The time is the one khetane logs for each request (from routing to the response): median, 90th percentile and worst
# of RUNS requests after one warm-up request each.
#
# Usage: bench/advocacy_pages.sh       Environment: RUNS=20, KHETANE_BINARY=… (default build/release/khetane)
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" advocacy

say "seeding, adding a member of an association and generating its register ..."
db="$tmp/bench.db"
"$binary" seed --database "$db" --share-dir "$repo" > /dev/null
echo 'correct horse battery' | "$binary" user add editor@example.org --database "$db" > /dev/null
keeper=$("$binary" organisation add "Генерирано сдружение" --kind cso --municipality MON24 --database "$db" |
  grep -o 'organisation:[0-9]*' | cut -d: -f2)
"$binary" organisation add-member "$keeper" editor@example.org --database "$db" > /dev/null
AUTH="Authorization: Bearer $("$binary" user token editor@example.org --database "$db" | head -1)"
read -r coalition campaign < <(python3 "$repo/bench/generate_advocacy.py" "$db" "$keeper")

start_server "$db"

measure "register of 5,000 (page)" "/advocacy/register?keeper=$keeper"
measure "register of 5,000 (CSV)" "/api/v1/advocacy/register?keeper=$keeper&format=csv"
measure "register of 5,000 (Popolo JSON)" "/advocacy/register/popolo?keeper=$keeper"
measure "a coalition with three maps of 200 (page)" "/advocacy/coalitions/$coalition"
measure "drawing a new map: the last one's 200 and the members (form)" "/advocacy/coalitions/$coalition/maps/new"
measure "a campaign (page)" "/advocacy/campaigns/$campaign"
measure "a campaign's brief (page)" "/advocacy/campaigns/$campaign/brief"
measure "50 coalitions and 500 campaigns (page)" "/advocacy"
measure "500 campaigns (JSON)" "/api/v1/advocacy/campaigns"
