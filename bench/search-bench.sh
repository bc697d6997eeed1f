#!/usr/bin/env bash
# Issue 14's benchmark (docs/SEARCH.md): bayes, random and Sobol on the quickstart and on a six-knob space,
# and the wall time hyperband (ASHA) saves.
#   bench/search-bench.sh samplers   trials to a target and unstable trials spent, per method and sampler seed
#   bench/search-bench.sh asha       random sweeps with divergence pruning alone and with hyperband
#   bench/search-bench.sh all        both (the default)
# Settings: SEEDS="1 2 3" TRIALS=40 REFERENCE_TRIALS=200 WORKERS=2; SPACES="spaces/quickstart.yaml
# spaces/stability-search.yaml". The full run is about an hour on 2 idle cores; a reduced one, e.g.
# SEEDS=1 REFERENCE_TRIALS=60, checks the script and gives first figures. Figures go to stdout (markdown),
# runs to target/search-bench/ (removed first), Maven and ND4J chatter to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -pl sweep -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 1>&2
CP="sweep/target/test-classes:sweep/target/classes:diagnose/target/classes:$(cat sweep/target/bench.classpath)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
rm -rf target/search-bench
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -n): $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# The launcher's JVM settings (./keel).
# shellcheck disable=SC2086
java -Dorg.bytedeco.javacpp.nopointergc=true -XX:+UseSerialGC -Xss4m \
    -Dseeds="${SEEDS:-1 2 3}" -Dtrials="${TRIALS:-40}" -Dreference="${REFERENCE_TRIALS:-200}" \
    -Dworkers="${WORKERS:-2}" -Dout=target/search-bench \
    -cp "$CP" dev.keel.sweep.bench.SearchBench "${1:-all}" ${SPACES:-} 2> >(grep -v '^\s*$' | grep -iv 'info\|^\[' >&2)
