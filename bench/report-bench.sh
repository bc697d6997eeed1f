#!/usr/bin/env bash
# Report speed (docs/REPORT.md, Size and speed; docs/PERFORMANCE.md).
#   bench/report-bench.sh [SIZES...]   fixture sweeps of these many trials (default 16 40 500 1000)
# For each size: ReportBenchmark in one JVM (the first render, then the median of five), then `keel report` as
# a whole command three times (wall and CPU seconds, JVM start included), the way a user runs it. Figures go to
# stdout. CPU seconds are what to compare on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
SIZES=("${@:-16 40 500 1000}")
read -r -a SIZES <<< "${SIZES[*]}"
OUT="${OUT:-report/target/benchmark}"
CP="$(bench_classpath report)"
./keel --version >/dev/null
echo "# $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java "${KEEL_JVM_FLAGS[@]}" -cp "$CP" dev.keel.report.ReportBenchmark "$OUT" "${SIZES[@]}" 2> >(nd4j_quiet)
for n in "${SIZES[@]}"; do
  for r in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$OUT/time" ./keel report "$OUT/fixture-$n" --out "$OUT/cold-$n.html" >/dev/null
    read -r wall user sys < "$OUT/time"
    echo "keel report, $n trials, run $r: ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')s CPU  load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
