#!/usr/bin/env bash
# What the DL4J listener costs a user's training loop (docs/LISTENER.md, "What it costs").
#   bench/listener-bench.sh [ROUNDS] [STEPS]
# Figures go to stdout; Maven and ND4J chatter to stderr. Quote medians: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -o -pl listener -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/listener-bench.classpath -Dmdep.includeScope=test 1>&2
CP="listener/target/test-classes:listener/target/classes:$(cat listener/target/listener-bench.classpath)"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
java -Dorg.bytedeco.javacpp.nopointergc=true -XX:+UseSerialGC -Xss4m ${BENCH_JAVA_OPTS:-} -cp "$CP" \
    dev.keel.listener.ListenerBenchmark "${1:-5}" "${2:-4000}" 2> >(grep -v '^\s*$' | grep -iv 'info\|^\[' >&2)
