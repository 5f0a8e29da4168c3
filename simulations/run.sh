#!/usr/bin/env bash
# Runs an experiment main class of the simulations module, building what it needs first:
#   simulations/run.sh ChordPaperExperiments [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: simulations/run.sh ExperimentClass [args...]}"
shift
# One reactor run, so the sibling modules resolve from this checkout, not from ~/.m2.
mvn -B -q -Dstyle.color=never -pl simulations -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java -Xmx8g -cp "simulations/target/classes:$(cat simulations/target/classpath.txt)" "io.chordia.sim.experiments.$name" "$@"
