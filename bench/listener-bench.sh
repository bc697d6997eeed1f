#!/usr/bin/env bash
# What the DL4J listener costs a user's training loop (docs/LISTENER.md, "What it costs").
#   bench/listener-bench.sh [JVMS] [ROUNDS_PER_JVM] [STEPS]     (defaults 8 2 1500: about 3 minutes on 2 idle cores)
# Figures go to stdout; Maven and ND4J chatter to stderr. The costs are paired medians (each round runs every
# variant back to back), which a shared machine's load disturbs far less than separate medians of speed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
CP="$(bench_classpath listener)"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2086
java "${KEEL_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    dev.keel.listener.ListenerBenchmark "${1:-8}" "${2:-2}" "${3:-1500}" 2> >(nd4j_quiet)
