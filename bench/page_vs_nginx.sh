#!/usr/bin/env bash
# Khetane's performance target, measured: a public page (by default the municipality page
# /places/municipalities/BLG03, served by khetane over SQLite) against nginx serving the very same bytes as a static
# file, under
#   wrk -t2 -c64 -d${DURATION}s --latency
# Targets: khetane reaches at least TARGET_RATIO (0.25) of nginx's requests/s, and its p99 latency is at most
# TARGET_P99_MS (10 ms).
# Then the same with 'Accept-Encoding: gzip': khetane compresses the page on every request, nginx serves khetane's
# gzip bytes from a .gz file beside the page (gzip_static). The report gives both pages' sizes; the targets concern the
# uncompressed runs (the compressed ones are reported, as the price of sending a third of the bytes).
#
# Usage: bench/page_vs_nginx.sh
# Environment:
#   DURATION=15          seconds of each measured wrk run (a 3 s warm-up run precedes each)
#   WARMUP=3             seconds of each warm-up run
#   KHETANE_BINARY=...   the khetane to measure (default build/release/khetane, built with the release preset if missing)
#   KEEP_TMP=1           keep the temporary directory (database, page, nginx config, wrk outputs)
#   BENCH_STRICT=1       exit with status 3 when a target is missed (default: report only, exit 0)
#   PAGE_PATH=/…         the page to measure (a query is allowed: /?measure=overdue-measures)
#   EXPECT='<h1>…'       text the Bulgarian page must hold, to be sure the right page is measured
#   DATABASE=FILE        serve this SQLite database (bench/dashboards.sh makes one at national scale) instead of a
#                        fresh one
#   PIN=1                the server (khetane with one worker thread, nginx with one worker) on CPU 0 and wrk on CPU 1
#                        (taskset), instead of all sharing every CPU
#   TARGET_RATIO, TARGET_P99_MS   the targets (0.25 and 10 ms)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
THREADS=2
CONNECTIONS=64
PAGE_PATH=${PAGE_PATH:-/places/municipalities/BLG03}
EXPECT=${EXPECT:-'<h1>Благоевград'}
DATABASE=${DATABASE:-}
PIN=${PIN:-0}
LANGUAGE_HEADER='Accept-Language: bg'
GZIP_HEADER='Accept-Encoding: gzip'
TARGET_RATIO=${TARGET_RATIO:-0.25}
TARGET_P99_MS=${TARGET_P99_MS:-10}
# With PIN=1: the servers on CPU 0, wrk on CPU 1.
server_cpu=(); wrk_cpu=(); server_threads=(); nginx_workers=auto
if [[ $PIN == 1 ]]; then
  command -v taskset > /dev/null || { printf 'error: taskset is missing (Debian package util-linux)\n' >&2; exit 1; }
  server_cpu=(taskset -c 0); wrk_cpu=(taskset -c 1); server_threads=(--threads 1); nginx_workers=1
fi
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=${WRK:-/usr/bin/wrk}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in "$NGINX" "$WRK" curl python3 gzip; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian packages: nginx wrk curl python3 gzip)"
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-bench.XXXXXX")
khetane_pid=
nginx_pid=
cleanup() {
  local status=$?
  if [[ -n $khetane_pid ]] && kill -0 "$khetane_pid" 2> /dev/null; then
    kill -TERM "$khetane_pid" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$khetane_pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$khetane_pid" 2> /dev/null || true
  fi
  if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2> /dev/null; then
    kill -QUIT "$nginx_pid" 2> /dev/null || true   # graceful: the master stops its workers
    for _ in $(seq 100); do kill -0 "$nginx_pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$nginx_pid" 2> /dev/null || true
  fi
  wait 2> /dev/null || true
  if [[ -n ${KEEP_TMP:-} ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_200() { # URL SECONDS PID
  local deadline=$((SECONDS + $2))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$1" || true) == 200 ]]; do
    kill -0 "$3" 2> /dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# CPU time (ms) used so far by the given processes (utime + stime from /proc/PID/stat).
clock_ticks=$(getconf CLK_TCK)
cpu_ms() {
  local total=0 pid stat
  local -a fields
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2> /dev/null) || continue
    read -r -a fields <<< "${stat##*) }"   # after "PID (comm) ": fields[0] is field 3 of the full line
    total=$((total + fields[11] + fields[12]))   # utime and stime, fields 14 and 15
  done
  echo $((total * 1000 / clock_ticks))
}
nginx_pids() { echo "$nginx_pid"; pgrep -P "$nginx_pid" || true; }

# --- khetane -----------------------------------------------------------------------------------------------
khetane_port=$(free_port)
database=${DATABASE:-$tmp/khetane.db}
say "starting khetane ($binary) on 127.0.0.1:$khetane_port over $database ..."
"${server_cpu[@]}" "$binary" serve --quiet --database "$database" --listen "127.0.0.1:$khetane_port" \
  "${server_threads[@]}" --share-dir "$repo" --data-dir "$tmp/files" > "$tmp/khetane.log" 2>&1 &
khetane_pid=$!
wait_for_200 "http://127.0.0.1:$khetane_port/healthz" 180 "$khetane_pid" ||
  { cat "$tmp/khetane.log" >&2; die "khetane did not become ready"; }
khetane_url="http://127.0.0.1:$khetane_port$PAGE_PATH"

# nginx serves the file at the path without its query; "/" is index.html.
path_only=${PAGE_PATH%%\?*}
[[ $path_only == */ ]] && path_only+=index.html
mkdir -p "$tmp/www${path_only%/*}"
page_file="$tmp/www$path_only"
curl -sS -f -H "$LANGUAGE_HEADER" -o "$page_file" "$khetane_url" || die "could not fetch $khetane_url"
page_bytes=$(wc -c < "$page_file")
grep -q "$EXPECT" "$page_file" || die "the page fetched from khetane does not hold '$EXPECT'"
# The gzip bytes as khetane sends them (curl without --compressed keeps them), checked to inflate to the page.
curl -sS -f -H "$LANGUAGE_HEADER" -H "$GZIP_HEADER" -D "$tmp/gzip-headers" -o "$page_file.gz" "$khetane_url" ||
  die "could not fetch $khetane_url with $GZIP_HEADER"
grep -qi '^content-encoding: gzip' "$tmp/gzip-headers" || die "khetane did not gzip the page for '$GZIP_HEADER'"
gzip -dc "$page_file.gz" | cmp -s - "$page_file" || die "khetane's gzip page does not inflate to its plain page"
gzip_bytes=$(wc -c < "$page_file.gz")

# --- nginx serving the same bytes --------------------------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
nginx_user=
[[ $(id -u) == 0 ]] && nginx_user='user root;'
cat > "$tmp/nginx.conf" << EOF
$nginx_user
worker_processes $nginx_workers;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/client_body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  types { }
  default_type text/html;
  charset utf-8;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
  }
}
EOF
say "starting nginx on 127.0.0.1:$nginx_port ..."
"${server_cpu[@]}" "$NGINX" -p "$tmp/nginx/" -e "$tmp/nginx/error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port$PAGE_PATH"
wait_for_200 "$nginx_url" 20 "$nginx_pid" || { cat "$tmp/nginx/error.log" >&2; die "nginx did not start"; }
curl -sS -f -o "$tmp/from-nginx" "$nginx_url"
cmp -s "$page_file" "$tmp/from-nginx" || die "nginx does not serve the same bytes as khetane"
curl -sS -f -H "$GZIP_HEADER" -o "$tmp/from-nginx.gz" "$nginx_url"
cmp -s "$page_file.gz" "$tmp/from-nginx.gz" || die "nginx does not serve the same gzip bytes as khetane"

# --- measure -----------------------------------------------------------------------------------------------
run_wrk() { # NAME URL SECONDS [HEADER]
  local -a extra=()
  [[ -n ${4:-} ]] && extra=(-H "$4")
  "${wrk_cpu[@]}" "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --latency -H "$LANGUAGE_HEADER" "${extra[@]}" "$2" \
    > "$tmp/wrk-$1.txt" 2>&1 || { cat "$tmp/wrk-$1.txt" >&2; die "wrk failed against $2"; }
}
# Requests/sec from wrk's output.
rps_of() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
# The 99% line of --latency's distribution, converted to milliseconds.
p99_ms_of() {
  awk '$1 == "99%" {
         v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
         f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : -1
         if (f < 0) { print "?"; exit } printf "%.2f\n", v * f }' "$1"
}
errors_of() { grep -E 'Socket errors|Non-2xx' "$1" | sed 's/^ *//' | paste -sd ';' - || true; }

declare -A rps p99 cores us_per_req errors
# NAME URL HEADER PID…: one measured run, with the CPU the given processes used meanwhile.
measure() {
  local name=$1 url=$2 header=$3
  shift 3
  say "measuring $name (${DURATION}s) ..."
  local cpu0 cpu1 t0 t1
  cpu0=$(cpu_ms "$@"); t0=$(date +%s%N)
  run_wrk "$name" "$url" "$DURATION" "$header"
  cpu1=$(cpu_ms "$@"); t1=$(date +%s%N)
  awk '/^Requests\/sec:/ { exit !($2 > 0) }' "$tmp/wrk-$name.txt" ||
    { cat "$tmp/wrk-$name.txt" >&2; die "no request to $name completed during the measured run"; }
  rps[$name]=$(rps_of "$tmp/wrk-$name.txt")
  p99[$name]=$(p99_ms_of "$tmp/wrk-$name.txt")
  [[ -n ${rps[$name]} && -n ${p99[$name]} ]] || die "could not parse wrk's output (kept in $tmp)"
  errors[$name]=$(errors_of "$tmp/wrk-$name.txt")
  # Server CPU: share of the machine's cores used while measured, and CPU time per request.
  cores[$name]=$(awk -v c=$((cpu1 - cpu0)) -v t=$(((t1 - t0) / 1000000)) 'BEGIN { printf "%.2f", c / t }')
  us_per_req[$name]=$(awk -v c=$((cpu1 - cpu0)) -v r="${rps[$name]}" -v d="$DURATION" \
    'BEGIN { printf "%.0f", c * 1000 / (r * d) }')
}

say "warming up both servers (${WARMUP}s each, plain and gzip) ..."
run_wrk warmup-khetane "$khetane_url" "$WARMUP"
run_wrk warmup-nginx "$nginx_url" "$WARMUP"
run_wrk warmup-khetane-gzip "$khetane_url" "$WARMUP" "$GZIP_HEADER"
run_wrk warmup-nginx-gzip "$nginx_url" "$WARMUP" "$GZIP_HEADER"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mapfile -t nginx_all < <(nginx_pids)
measure khetane "$khetane_url" "" "$khetane_pid"
measure nginx "$nginx_url" "" "${nginx_all[@]}"
measure khetane-gzip "$khetane_url" "$GZIP_HEADER" "$khetane_pid"
measure nginx-gzip "$nginx_url" "$GZIP_HEADER" "${nginx_all[@]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

k_rps=${rps[khetane]}; n_rps=${rps[nginx]}; k_p99=${p99[khetane]}
ratio=$(awk -v k="$k_rps" -v n="$n_rps" 'BEGIN { printf "%.3f", k / n }')
gzip_ratio=$(awk -v k="${rps[khetane-gzip]}" -v n="${rps[nginx-gzip]}" 'BEGIN { printf "%.3f", k / n }')
gzip_cost=$(awk -v g="${rps[khetane-gzip]}" -v p="$k_rps" 'BEGIN { printf "%.2f", g / p }')
ratio_ok=$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t) ? "yes" : "NO" }')
p99_ok=$(awk -v p="$k_p99" -v t="$TARGET_P99_MS" 'BEGIN { print (p <= t) ? "yes" : "NO" }')

# --- report ------------------------------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cat << EOF

Khetane page vs nginx static file — $(date -u '+%Y-%m-%d %H:%M UTC')
machine : $(nproc) CPUs, ${cpu_model:-unknown CPU}, $(uname -sr), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
load    : ${load_before} before, ${load_after} after (1/5/15-minute load averages)
tools   : $("$WRK" -v 2>&1 | head -1 | cut -d' ' -f1-2), $("$NGINX" -v 2>&1 | sed 's/.*: //'), khetane $binary
command : wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -H '$LANGUAGE_HEADER' <url>   ($([[ $PIN == 1 ]] && echo "server on CPU 0 with one worker, wrk on CPU 1" || echo "wrk and the server share the machine"))
page    : GET $PAGE_PATH, $page_bytes bytes of HTML, $gzip_bytes bytes gzipped (khetane keeps the page for visitors and
          compresses it on every request; nginx serves the saved bytes, and with '$GZIP_HEADER' khetane's gzip bytes
          from a .gz file)

| server       | body bytes | requests/s | p99 latency | server CPU (cores) | CPU per request | errors |
|--------------|-----------:|-----------:|------------:|-------------------:|----------------:|--------|
$(for name in khetane nginx khetane-gzip nginx-gzip; do
    bytes=$page_bytes; [[ $name == *-gzip ]] && bytes=$gzip_bytes
    printf '| %-12s | %10s | %10.0f | %8.2f ms | %18s | %12s µs | %s |\n' "$name" "$bytes" "${rps[$name]}" \
      "${p99[$name]}" "${cores[$name]}" "${us_per_req[$name]}" "${errors[$name]:-none}"
  done)

ratio khetane/nginx : $ratio   (target >= $TARGET_RATIO: $ratio_ok)
khetane p99         : $k_p99 ms   (target <= $TARGET_P99_MS ms: $p99_ok)
with gzip           : khetane/nginx $gzip_ratio; khetane gzip/plain requests/s $gzip_cost; bytes $(awk -v g="$gzip_bytes" -v p="$page_bytes" 'BEGIN { printf "%.2f", g / p }') of the plain page
EOF

if [[ $ratio_ok != yes || $p99_ok != yes ]]; then
  echo "RESULT: target MISSED"
  if [[ -n ${BENCH_STRICT:-} ]]; then exit 3; fi
else
  echo "RESULT: targets hold"
fi
