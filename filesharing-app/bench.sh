#!/usr/bin/env bash
# File-transfer throughput: 1 GiB over loopback, one seeder -> one fetcher and -> four fetchers,
# every piece SHA-1 verified and written to disk. Prints MB/s. Not a test: it never fails on speed.
# Usage: filesharing-app/bench.sh [--size-mib N] [--runs N] [--dir DIR] [--fetchers N]
# The file goes to a fresh directory under /tmp (or --dir, e.g. /dev/shm) and is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${CHORDIA_BUILD_LOCK:-/tmp/build.lock}"
cp_file=$(mktemp /tmp/chordia-bench-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
flock "$lock" mvn -B -q -o -pl filesharing-app -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="filesharing-app/target/classes:transport/target/classes:routing/target/classes:dht-core/target/classes"
cp="$cp:simulations/target/classes:bootstrap/target/classes:$(cat "$cp_file")"
flock "$lock" java -Xmx1g -XX:MaxDirectMemorySize=1g -cp "$cp" \
  io.chordia.app.share.bench.TransferBenchmark "$@"
