#!/usr/bin/env bash
# Training speed and memory of keel's trainer against plain DL4J (docs/PERFORMANCE.md).
#   bench/train-bench.sh [speed|plain|memory|plainmemory|all]
# Figures go to stdout; Maven and ND4J chatter to stderr. Quote medians: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -o -pl sweep -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 1>&2
CP="sweep/target/test-classes:sweep/target/classes:$(cat sweep/target/bench.classpath)"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# The launcher's settings plus the ones docs/PERFORMANCE.md recommends.
FLAGS=(-Dorg.bytedeco.javacpp.nopointergc=true -XX:+UseSerialGC -Xss4m ${BENCH_JAVA_OPTS:-})
REPEATS="${REPEATS:-5}"
STEPS="${STEPS:-4000}"
LONG="${LONG_STEPS:-50000}"

run() { java "$@" -cp "$CP" dev.keel.sweep.bench.TrainBench "${ARGS[@]}" 2> >(grep -v '^\s*$' | grep -iv 'info\|^\[' >&2); }

case "${1:-all}" in
  speed)        ARGS=(speed "$REPEATS" "$STEPS" "${MODEL:-mlp}"); run "${FLAGS[@]}" ;;
  plain)        echo "# plain DL4J, launcher flags (nopointergc)"; ARGS=(plain "$REPEATS" "$STEPS"); run "${FLAGS[@]}"
                echo "# plain DL4J, JVM defaults (pointer GC on), OMP_NUM_THREADS=1"; run -XX:+UseSerialGC
                echo "# plain DL4J, all defaults (pointer GC on, ND4J picks its thread count)"
                (unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS; run) ;;
  memory)       ARGS=(memory "$LONG" "${MODEL:-mlp}"); run "${FLAGS[@]}" ;;
  plainmemory)  ARGS=(plainmemory "$LONG"); run "${FLAGS[@]}" ;;
  all)          "$0" speed; "$0" plain; "$0" memory ;;
  *)            echo "usage: $0 [speed|plain|memory|plainmemory|all]" >&2; exit 2 ;;
esac
