#!/usr/bin/env bash
# Prints how long client commands take end to end (./chordia status, get, put against a running node)
# beside a bare JVM start (java -version with the client's JVM options), N runs each: min, median, p90
# in milliseconds and the ratio of medians; then a node's launch to its first answered status.
# It times, so run it alone: flock /tmp/build.lock bench/client-latency.sh [N] (docs/benchmarks.md).
# CHORDIA_COMMAND="java -jar OTHER/chordia.jar" times another build the same way (then beside plain java).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chordia="${CHORDIA_COMMAND:-$root/chordia}"
n="${1:-20}"
work="$(mktemp -d)"
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Prints "min median p90" of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { p90 = int(NR * 0.9); if (p90 < NR * 0.9) p90++;
    printf "%d %d %d\n", v[1], v[int((NR + 1) / 2)], v[p90] }'
}

# time_runs LABEL COMMAND...: N runs, prints the label, min, median and p90, returns the median in $median.
time_runs() {
  local label="$1"; shift
  local times="$work/times"
  : >"$times"
  for _ in $(seq 1 "$n"); do
    local start; start=$(now_ms)
    "$@" >/dev/null 2>&1 || { echo "bench: '$*' failed" >&2; "$@" >&2 || true; exit 1; }
    echo $(( $(now_ms) - start )) >>"$times"
  done
  read -r min median p90 < <(stats <"$times")
  printf "%-34s %6d %6d %6d\n" "$label" "$min" "$median" "$p90"
}

start_node() {
  local data="$1"
  $chordia node --data-dir "$data" --host 127.0.0.1 --port 0 >"$data.out" 2>&1 &
  node_pid=$!
}

stop_node() {
  kill "$node_pid" && wait "$node_pid" 2>/dev/null || true
  node_pid=""
}

$chordia version >/dev/null # builds the distribution when stale, outside the timings
client_opts=""
[ -z "${CHORDIA_COMMAND:-}" ] && client_opts="$(CHORDIA_PRINT_JAVA_OPTIONS=1 $chordia status)"
echo "java: $(java -version 2>&1 | head -1); client JVM options: $client_opts"
echo "runs: $n; host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

data="$work/node"
start_node "$data"
until $chordia status --data-dir "$data" >/dev/null 2>&1; do sleep 0.2; done
$chordia put bench-key bench-value --data-dir "$data" >/dev/null 2>&1 # the archive, if the jar is new

printf "%-34s %6s %6s %6s\n" "ms" "min" "median" "p90"
time_runs "java -version (client options)" java $client_opts -version
base=$median
time_runs "chordia status" $chordia status --data-dir "$data"
status_median=$median
time_runs "chordia get" $chordia get bench-key --data-dir "$data"
get_median=$median
time_runs "chordia put" $chordia put bench-key bench-value --data-dir "$data"
put_median=$median
awk -v b="$base" -v s="$status_median" -v g="$get_median" -v p="$put_median" \
  'BEGIN { printf "ratio of medians to java -version: status %.1fx, get %.1fx, put %.1fx\n", s / b, g / b, p / b }'
stop_node

# A node's launch to its first answered status: the control port file appears, then one status returns.
times="$work/launch"
: >"$times"
for i in $(seq 1 5); do
  data="$work/launch-$i"
  start=$(now_ms)
  start_node "$data"
  until [ -s "$data/control.port" ]; do sleep 0.01; done
  opened=$(( $(now_ms) - start ))
  until $chordia status --data-dir "$data" >/dev/null 2>&1; do sleep 0.01; done
  echo "$opened $(( $(now_ms) - start ))" >>"$times"
  stop_node
done
read -r min median p90 < <(cut -d' ' -f1 "$times" | stats)
printf "%-34s %6d %6d %6d  (5 launches)\n" "node launch -> control port open" "$min" "$median" "$p90"
read -r min median p90 < <(cut -d' ' -f2 "$times" | stats)
printf "%-34s %6d %6d %6d  (5 launches)\n" "node launch -> status answered" "$min" "$median" "$p90"
