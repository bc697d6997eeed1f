#!/usr/bin/env bash
# Training speed and memory of keel's trainer against plain DL4J (docs/PERFORMANCE.md).
#   bench/train-bench.sh [speed|plain|memory|plainmemory|all]
# Figures go to stdout; Maven and ND4J chatter to stderr. Quote medians: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
CP="$(bench_classpath sweep)"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# The launcher's settings plus the ones docs/PERFORMANCE.md recommends.
# shellcheck disable=SC2206
FLAGS=("${KEEL_JVM_FLAGS[@]}" ${BENCH_JAVA_OPTS:-})
REPEATS="${REPEATS:-5}"
STEPS="${STEPS:-4000}"
LONG="${LONG_STEPS:-50000}"

run() { java "$@" -cp "$CP" dev.keel.sweep.bench.TrainBench "${ARGS[@]}" 2> >(nd4j_quiet); }

case "${1:-all}" in
  speed)        ARGS=(speed "$REPEATS" "$STEPS" "${MODEL:-mlp}"); run "${FLAGS[@]}" ;;
  plain)        echo "# plain DL4J, launcher flags (nopointergc)"; ARGS=(plain "$REPEATS" "$STEPS"); run "${FLAGS[@]}"
                echo "# plain DL4J, JVM defaults (pointer GC on), OMP_NUM_THREADS=1"; run -XX:+UseSerialGC  # not the launcher's flags, on purpose
                echo "# plain DL4J, all defaults (pointer GC on, ND4J picks its thread count)"
                (unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS; run) ;;
  memory)       ARGS=(memory "$LONG" "${MODEL:-mlp}"); run "${FLAGS[@]}" ;;
  plainmemory)  ARGS=(plainmemory "$LONG"); run "${FLAGS[@]}" ;;
  all)          "$0" speed; "$0" plain; "$0" memory ;;
  *)            echo "usage: $0 [speed|plain|memory|plainmemory|all]" >&2; exit 2 ;;
esac
