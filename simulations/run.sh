#!/usr/bin/env bash
# Runs an experiment main class of the simulations module, building what it needs first:
#   simulations/run.sh ChordPaperExperiments [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: simulations/run.sh ExperimentClass [args...]}"
shift
mvn -B -q -Dstyle.color=never -pl simulations -am -DskipTests package
mvn -B -q -Dstyle.color=never -pl simulations dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -Xmx8g -cp "simulations/target/classes:$(cat simulations/target/classpath.txt)" "io.chordia.sim.experiments.$name" "$@"
