#!/usr/bin/env bash
# Partition and heal on the multi-host lab, timed (docs/lab.md): 5 hosts by default, the bootstrap
# node on host 1 and daemons on hosts 2..5, a 60 s partition {1,2,3}|{4,5} with writes on both
# sides, then 120 s after heal. Prints mergeSeconds, keys lost and lookup success during and after
# the partition (progress on stderr, one JSON line on stdout). Needs root. Not a test: it never
# fails on the figures. Usage: lab/partition-bench.sh [--hosts N] [--partition-seconds S]
#   [--after-heal-seconds S] [--sample-keys N] [--delay-ms D] [--jitter-ms J] [--loss P] [--seed N]
# The daemons' data and logs stay in filesharing-app/target/lab-work/PartitionBenchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "lab/partition-bench.sh: the lab creates network namespaces; run it as root" >&2
  exit 1
fi
cp_file=$(mktemp /tmp/chordia-lab-cp.XXXXXX)
trap 'rm -f "$cp_file"' EXIT
# One build and one run at a time on this machine: both under the shared lock.
flock /tmp/build.lock mvn -B -q -o -pl filesharing-app -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cd filesharing-app
flock /tmp/build.lock java -Xmx256m -Dchordia.lab.dir=../lab -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.chordia.app.lab.PartitionBenchmark "$@"
