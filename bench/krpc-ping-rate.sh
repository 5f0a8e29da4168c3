#!/usr/bin/env bash
# KRPC pings (and find_nodes) answered per second by one Chordia --protocol mainline node and by
# libtorrent 2.0.x's DHT node (rate limits raised), both on 127.0.0.1 and driven by the same C load
# generator (../shared/anchor-bench/dht_blast.c, or $ANCHOR_BENCH), alternating node by node in one
# run, so both see the same machine state. Chordia runs as `chordia node` does: the daemon with its
# guard (byte budgets, verification pings), RPC layer and routing table. Prints one JSON line per
# interval and a summary (median, min-max). It measures, so run it alone and keep it short:
#   flock /tmp/build.lock bench/krpc-ping-rate.sh [--runs 3] [--seconds 8] [--window 256] [--query "ping find_node"]
# (3 runs x 2 nodes x 2 queries x 9 s plus 12 s of JIT warm-up: about 2 minutes). docs/benchmarks.md has the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchor="${ANCHOR_BENCH:-$root/../shared/anchor-bench}"
[ -d "$anchor" ] || anchor=/work/shared/anchor-bench
runs=3; seconds=8; window=256; warmup=1; jit=6; queries="ping find_node"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    --query) queries="$2"; shift 2 ;;
    --jit-warmup) jit="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--seconds S] [--window W] [--query 'ping find_node'] [--jit-warmup S]" >&2; exit 2 ;;
  esac
done
jar="$root/filesharing-app/target/chordia.jar"
[ -f "$jar" ] || { echo "no $jar: build first (mvn -B -q -o -pl filesharing-app -am package -DskipTests)" >&2; exit 1; }
/usr/bin/python3 -c 'import libtorrent' 2>/dev/null || { echo "libtorrent missing: apt-get install python3-libtorrent" >&2; exit 1; }
blast=/tmp/anchor-bench/dht_blast
if [ ! -x "$blast" ] || [ "$anchor/dht_blast.c" -nt "$blast" ]; then
  mkdir -p /tmp/anchor-bench && gcc -O2 -Wall -o "$blast" "$anchor/dht_blast.c"
fi
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work="$(mktemp -d)"
chordia_pid=""; lt_pid=""
cleanup() {
  [ -n "$lt_pid" ] && kill "$lt_pid" 2>/dev/null || true
  [ -n "$chordia_pid" ] && kill "$chordia_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

chordia_port="$(free_port)"
java ${CHORDIA_JAVA_OPTS:-} -jar "$jar" node --protocol mainline --host 127.0.0.1 --port "$chordia_port" \
  --data-dir "$work/chordia" >"$work/chordia.log" 2>&1 &
chordia_pid=$!
lt_port="$(free_port)"
mkfifo "$work/lt-in"
/usr/bin/python3 "$anchor/lt_dht_capacity.py" node --port "$lt_port" --raise-limits --max-seconds 600 \
  <"$work/lt-in" >"$work/lt.log" 2>&1 &
lt_pid=$!
exec 8>"$work/lt-in" # holds libtorrent's stdin open; closing it stops the node
for _ in $(seq 1 100); do
  grep -q READY "$work/lt.log" 2>/dev/null && [ -f "$work/chordia/control.port" ] && break
  sleep 0.1
done
grep -q READY "$work/lt.log" || { echo "libtorrent did not start:" >&2; cat "$work/lt.log" >&2; exit 1; }
[ -f "$work/chordia/control.port" ] || { echo "chordia did not start:" >&2; tail "$work/chordia.log" >&2; exit 1; }

# A JVM compiles its hot paths in the first seconds under load (the first 8 s interval measured
# 159k pings/s against 237k for the next ones); libtorrent is native. One unrecorded blast per query first.
if [ "$jit" != 0 ]; then
  for query in $queries; do "$blast" 127.0.0.1 "$chordia_port" "$query" "$jit" "$window" 0 500 >/dev/null; done
fi
results="$work/results"
for query in $queries; do
  for run in $(seq 1 "$runs"); do
    for node in chordia libtorrent; do
      port=$chordia_port; [ "$node" = libtorrent ] && port=$lt_port
      line="$("$blast" 127.0.0.1 "$port" "$query" "$seconds" "$window" "$warmup" 500 | tail -n 1)"
      echo "{\"node\":\"$node\",\"query\":\"$query\",\"run\":$run,\"result\":$line}"
      echo "$node $query $line" >>"$results"
    done
  done
done
/usr/bin/python3 - "$results" "$window" "$seconds" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    node, query, result = line.split(" ", 2)
    rows.setdefault((query, node), []).append(json.loads(result)["replies_per_s"])
# Each run's two nodes measured back to back: their ratio is what the machine's drift moves least.
for query in dict.fromkeys(q for q, _ in rows):
    for run, (ours, theirs) in enumerate(zip(rows.get((query, "chordia"), []), rows.get((query, "libtorrent"), [])), 1):
        print("RUN     %-10s run %d  chordia %8.0f  libtorrent %8.0f  ratio %.2f" % (query, run, ours, theirs, ours / theirs))
for query in dict.fromkeys(q for q, _ in rows):
    medians = {}
    for node in ("chordia", "libtorrent"):
        v = rows.get((query, node), [])
        if v:
            medians[node] = statistics.median(v)
            print("SUMMARY %-10s %-9s replies/s median %8.0f  min %8.0f  max %8.0f  (%d runs x %s s, window %s)"
                  % (node, query, medians[node], min(v), max(v), len(v), sys.argv[3], sys.argv[2]))
    if len(medians) == 2:
        print("SUMMARY %-10s chordia / libtorrent = %.2f" % (query, medians["chordia"] / medians["libtorrent"]))
PY
