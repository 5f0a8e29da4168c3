#!/usr/bin/env bash
# Time from fetching a magnet link to its first verified piece, peers found only through the Mainline
# DHT (get_peers at a Chordia node a libtorrent seed announced at), several runs and their spread.
# Usage: filesharing-app/magnet-bench.sh [--runs N]. Needs python3-libtorrent. Takes the shared build
# lock for the compile and, separately, for the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${CHORDIA_BUILD_LOCK:-/tmp/build.lock}"
cp_file=$(mktemp /tmp/chordia-magnet-bench-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
flock "$lock" mvn -B -q -o -pl filesharing-app -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="filesharing-app/target/classes:transport/target/classes:routing/target/classes:dht-core/target/classes"
cp="$cp:simulations/target/classes:bootstrap/target/classes:$(cat "$cp_file")"
flock "$lock" java -Xmx512m -cp "$cp" io.chordia.app.bench.MagnetFirstPiece "$@"
