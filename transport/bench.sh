#!/usr/bin/env bash
# Transport benchmarks; never part of `mvn verify`. From the repository root or anywhere:
#   transport/bench.sh ping  [--window 128] [--warmup-seconds 5] [--intervals 5] [--interval-seconds 3]
#   transport/bench.sh codec [JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"
shift || true
case "$what" in
  ping|codec) ;;
  *) echo "usage: transport/bench.sh ping|codec [options]" >&2; exit 2 ;;
esac
mvn -B -q -Pbench -pl transport -am -DskipTests package
cp="transport/target/bench-classes:transport/target/classes:$(cat transport/target/bench-classpath.txt)"
case "$what" in
  ping)
    exec java -Xms1g -Xmx1g -cp "$cp" io.chordia.transport.bench.PingThroughputBenchmark "$@" ;;
  codec)
    if [ "$#" -eq 0 ]; then set -- -f 1 -wi 3 -w 2s -i 5 -r 2s; fi
    exec java -cp "$cp" org.openjdk.jmh.Main 'io.chordia.transport.bench.CodecBenchmark' "$@" ;;
esac
