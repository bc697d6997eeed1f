#!/usr/bin/env bash
# What the DL4J listener costs a user's training loop (docs/LISTENER.md, "What it costs").
#   bench/listener-bench.sh [ROUNDS] [STEPS]
# Figures go to stdout; Maven and ND4J chatter to stderr. Quote medians: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
CP="$(bench_classpath listener)"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# shellcheck disable=SC2086
java "${KEEL_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    dev.keel.listener.ListenerBenchmark "${1:-5}" "${2:-4000}" 2> >(nd4j_quiet)
