#!/usr/bin/env bash
# Issue 14's benchmark (docs/SEARCH.md): bayes, random and Sobol on the quickstart and on a six-knob space,
# and the wall time hyperband (ASHA) saves.
#   bench/search-bench.sh samplers   trials to a target and unstable trials spent, per method and sampler seed
#   bench/search-bench.sh asha       random sweeps with divergence pruning alone and with hyperband
#   bench/search-bench.sh all        both (the default)
# Settings: SEEDS="1 2 3" TRIALS=40 REFERENCE_TRIALS=200 WORKERS=2; SPACES="spaces/quickstart.yaml
# spaces/stability-search.yaml"; METHODS="bayes random sobol"; REFERENCE="quickstart=0.9926" takes a space's
# reference best from an earlier run on the same data instead of running it (said in the output). The full run is about an hour on 2 idle cores; a reduced one, e.g.
# SEEDS=1 REFERENCE_TRIALS=60, checks the script and gives first figures. Figures go to stdout (markdown),
# runs to target/search-bench/ (removed first), Maven and ND4J chatter to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
CP="$(bench_classpath sweep)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
rm -rf "${OUT:-target/search-bench}"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(uname -n): $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# The launcher's JVM settings (./keel).
# shellcheck disable=SC2086
java "${KEEL_JVM_FLAGS[@]}" \
    -Dseeds="${SEEDS:-1 2 3}" -Dtrials="${TRIALS:-40}" -Dreference="${REFERENCE_TRIALS:-200}" \
    -Dworkers="${WORKERS:-2}" -Dout="${OUT:-target/search-bench}" -Dmethods="${METHODS:-bayes random sobol}" \
    $(for r in ${REFERENCE:-}; do echo "-Dreference.${r%%=*}=${r#*=}"; done) \
    -cp "$CP" dev.keel.sweep.bench.SearchBench "${1:-all}" ${SPACES:-} 2> >(nd4j_quiet)
