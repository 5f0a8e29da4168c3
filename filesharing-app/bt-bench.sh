#!/usr/bin/env bash
# BitTorrent interop throughput: 1 GiB over loopback, Chordia seed -> libtorrent leecher, libtorrent
# seed -> libtorrent leecher and libtorrent seed -> Chordia fetcher, order rotating, every piece SHA-1
# checked (interop/bt_bench.py).
# Usage: filesharing-app/bt-bench.sh [--size-mib N] [--runs N] [--dir DIR]. Needs python3-libtorrent.
# Takes the shared build lock for the compile and, separately, for the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${CHORDIA_BUILD_LOCK:-/tmp/build.lock}"
cp_file=$(mktemp /tmp/chordia-bt-bench-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
flock "$lock" mvn -B -q -o -pl filesharing-app -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="filesharing-app/target/classes:transport/target/classes:routing/target/classes:dht-core/target/classes"
cp="$cp:simulations/target/classes:bootstrap/target/classes:$(cat "$cp_file")"
flock "$lock" /usr/bin/python3 interop/bt_bench.py \
  --chordia-seed "java -Xmx512m -cp $cp io.chordia.app.share.bench.BitTorrentSeed" \
  --chordia-fetch "java -Xmx512m -cp $cp io.chordia.app.share.bench.BitTorrentFetcher" "$@"
