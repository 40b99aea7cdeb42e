# Sourced by the benchmarks that time single pages by what khetane logs for each request (cascade_pages.sh,
# monitoring_pages.sh, consultation_pages.sh). Gives: `say`, `$binary` (KHETANE_BINARY, or the release build, built
# when missing), `$tmp` (removed on exit, with the server stopped), `start_server DATABASE` (serves it on a free port of
# loopback, `$port`) and `measure LABEL PATH [RUNS]`: median, 90th percentile and worst of RUNS requests (default
# $RUNS, 20) after one warm-up request; with PAUSE=seconds, each request comes after a pause, as a reader's would on a
# quiet server. `measure_first LABEL PATH` times the first request alone: what a page kept for visitors costs to make
# after a change of the data. With AUTH="Authorization: Bearer TOKEN", every request is that user's.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/server_timing.sh" consultation   # the temporary directory's name

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-20}
say() { printf '%s\n' "$*" >&2; }

binary=${KHETANE_BINARY:-$repo/build/release/khetane}
if [[ ! -x $binary ]]; then
  say "building the release binary (cmake --preset release) ..."
  (cd "$repo" && cmake --preset release > /dev/null && cmake --build build/release --target khetane -j"$(nproc)") >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/khetane-${1:-bench}.XXXXXX")
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

start_server() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$binary" serve --database "$1" --share-dir "$repo" --listen "127.0.0.1:$port" >> "$tmp/log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
}

measure() {
  local label=$1 path=$2 runs=${3:-$RUNS} pause=${PAUSE:-0}
  curl -s ${AUTH:+-H "$AUTH"} -o /dev/null "http://127.0.0.1:$port$path"
  : > "$tmp/log"
  for _ in $(seq "$runs"); do
    sleep "$pause"
    curl -s ${AUTH:+-H "$AUTH"} -o "$tmp/body" "http://127.0.0.1:$port$path"
  done
  local size
  size=$(stat -c %s "$tmp/body")
  grep -ao ' [0-9]*\.[0-9]*ms' "$tmp/log" | tr -d ' ms' | sort -n |
    awk -v label="$label" -v size="$size" '{ t[NR] = $1 } END {
      printf "%-58s median %7.2f ms   p90 %7.2f ms   max %7.2f ms   (%d requests, %d bytes)\n",
        label, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR, size }'
}

measure_first() {
  local label=$1 path=$2
  : > "$tmp/log"
  curl -s ${AUTH:+-H "$AUTH"} -o "$tmp/body" "http://127.0.0.1:$port$path"
  local size
  size=$(stat -c %s "$tmp/body")
  grep -ao ' [0-9]*\.[0-9]*ms' "$tmp/log" | tr -d ' ms' | head -1 |
    awk -v label="$label" -v size="$size" '{ printf "%-58s first   %7.2f ms   (made once, then kept; %d bytes)\n",
      label, $1, size }'
}
