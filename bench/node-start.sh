#!/usr/bin/env bash
# Prints how long a node takes from launch (./chordia node started) to: its control port file, the
# node's first answer to a status request on that port (curl, no client JVM), and the first
# ./chordia status that succeeds (the client's own start included). N launches, each in a fresh data
# directory on 127.0.0.1: min, median, p90 and max in ms, then every launch's figures.
# It times, so run it alone: flock /tmp/build.lock bench/node-start.sh [N] (docs/benchmarks.md).
# CHORDIA_JAVA_OPTS is passed on to the node (to compare JVM options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chordia="$root/chordia"
n="${1:-10}"
work="$(mktemp -d)"
node_pid=""
cleanup() {
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Prints "min median p90 max" of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { p90 = int(NR * 0.9); if (p90 < NR * 0.9) p90++;
    printf "%d %d %d %d\n", v[1], v[int((NR + 1) / 2)], v[p90], v[NR] }'
}

# The node's own answer to status: HTTP 200 and a result line from POST /v1/status.
node_answers() {
  local data="$1" port secret
  port="$(cat "$data/control.port" 2>/dev/null)" || return 1
  secret="$(cat "$data/control.secret" 2>/dev/null)" || return 1
  curl -sf --max-time 2 -H "Authorization: Bearer $secret" -d '{}' "http://127.0.0.1:$port/v1/status" \
    | grep -q '"result"'
}

$chordia version >/dev/null # builds the distribution when stale, outside the timings
# The first launch after a build writes the node's class-data archive: one untimed launch makes it.
warm="$work/warm"
$chordia node --data-dir "$warm" --host 127.0.0.1 --port 0 >/dev/null 2>&1 &
node_pid=$!
until $chordia status --data-dir "$warm" >/dev/null 2>&1; do sleep 0.1; done
kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""

echo "java: $(java -version 2>&1 | head -1); node JVM options: $(CHORDIA_PRINT_JAVA_OPTIONS=1 $chordia node)"
echo "launches: $n; host: $(nproc) cores, load before $(cut -d' ' -f1-3 /proc/loadavg)"
times="$work/times"
: >"$times"
for i in $(seq 1 "$n"); do
  data="$work/node-$i"
  start=$(now_ms)
  $chordia node --data-dir "$data" --host 127.0.0.1 --port 0 >"$work/out-$i" 2>&1 &
  node_pid=$!
  until [ -s "$data/control.port" ]; do
    kill -0 "$node_pid" 2>/dev/null || { echo "bench: the node exited:" >&2; cat "$work/out-$i" >&2; exit 1; }
    sleep 0.005
  done
  port_ms=$(( $(now_ms) - start ))
  until node_answers "$data"; do sleep 0.005; done
  answer_ms=$(( $(now_ms) - start ))
  until $chordia status --data-dir "$data" >/dev/null 2>&1; do sleep 0.005; done
  status_ms=$(( $(now_ms) - start ))
  echo "$port_ms $answer_ms $status_ms" >>"$times"
  kill "$node_pid"; wait "$node_pid" 2>/dev/null || true; node_pid=""
done
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-42s %6s %6s %6s %6s\n" "ms from launch" "min" "median" "p90" "max"
col=1
for label in "control port file written" "node answers status (curl)" "./chordia status returns"; do
  read -r min median p90 max < <(cut -d' ' -f$col "$times" | stats)
  printf "%-42s %6d %6d %6d %6d\n" "$label" "$min" "$median" "$p90" "$max"
  col=$((col + 1))
done
echo "each launch (port answer status): $(tr '\n' ';' <"$times" | sed 's/;$//; s/;/; /g')"
