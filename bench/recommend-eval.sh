#!/usr/bin/env bash
# Issue 7's acceptance check (docs/RECOMMEND.md): keel recommend within its budget on each dataset, then the
# recommended, the stage-1 best-validation and the plain-default settings re-run on the same new seeds.
#   bench/recommend-eval.sh [builtin:breast_cancer builtin:digits]    (BUDGET=5 WORKERS=2 NEW_SEED=2026)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
CP="$(bench_classpath sweep)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
rm -rf target/recommend-eval
[ $# -gt 0 ] || set -- builtin:breast_cancer builtin:digits
java "${KEEL_JVM_FLAGS[@]}" \
    -Dbudget="${BUDGET:-5}" -Dnewseed="${NEW_SEED:-2026}" -Dworkers="${WORKERS:-2}" -Dout=target/recommend-eval \
    -cp "$CP" dev.keel.sweep.bench.RecommendEvaluation "$@" 2> >(nd4j_quiet)
