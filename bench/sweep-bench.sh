#!/usr/bin/env bash
# Sweep wall time and memory (docs/PERFORMANCE.md, Sweeps).
#   bench/sweep-bench.sh wall     quickstart with 1 and 2 workers, divergence pruning on and off: median of REPEATS
#   bench/sweep-bench.sh memory   peak RSS after 10 ... 200 trials of one sweep: the quickstart at 200 trials
#                                 (MEMORY_SPACE, MEMORY_TRIALS; the stress space: MEMORY_SPACE=bench/sweep-memory.yaml
#                                 MEMORY_TRIALS=)
#   bench/sweep-bench.sh all
# Figures go to stdout; Maven and ND4J chatter to stderr. The machine may be shared: the load average is
# printed beside every figure, and runs of the configurations are interleaved so that load falls on all alike.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
REPEATS="${REPEATS:-3}"
SPACE="${SPACE:-spaces/quickstart.yaml}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

wall() {
  ./keel --version >/dev/null   # builds the jar first if sources changed, so no build is timed
  local off="$TMP/no-pruning.yaml"
  sed 's/^early_terminate: {type: divergence}.*/early_terminate: {type: none}/' "$SPACE" > "$off"
  grep -q '^early_terminate: {type: none}' "$off" || { echo "$SPACE: no 'early_terminate: {type: divergence}' line" >&2; exit 2; }
  echo "# keel sweep $SPACE --quiet: wall seconds (whole command: JVM start, sweep, report) and peak RSS"
  echo "# $(nproc) cores; load average at start: $(load)"
  for r in $(seq "$REPEATS"); do
    for workers in 1 2; do
      for pruning in on off; do
        local space="$SPACE"; [ "$pruning" = off ] && space="$off"
        /usr/bin/time -f "%e %M" -o "$TMP/time" ./keel sweep "$space" --workers "$workers" --quiet \
            --out "$TMP/run-$workers-$pruning-$r" > "$TMP/stdout" 2> "$TMP/stderr" \
          || { cat "$TMP/stderr" >&2; exit 1; }
        read -r secs kb < "$TMP/time"
        local verdicts; verdicts="$(grep '^verdicts' "$TMP/stdout" | tr -s ' ')"
        echo "run $r workers=$workers pruning=$pruning: ${secs}s  rss=$((kb / 1024))MB  load $(load)  $verdicts"
        echo "$secs" >> "$TMP/w$workers-$pruning"
      done
    done
  done
  echo "# medians of $REPEATS"
  for workers in 1 2; do
    for pruning in on off; do
      echo "workers=$workers pruning=$pruning: $(median < "$TMP/w$workers-$pruning")s"
    done
  done
  local w1 w2 on off
  w1="$(median < "$TMP/w1-on")"; w2="$(median < "$TMP/w2-on")"
  on="$(median < "$TMP/w2-on")"; off="$(median < "$TMP/w2-off")"
  awk -v a="$w1" -v b="$w2" 'BEGIN {printf "speed-up of 2 workers over 1 (pruning on): %.2fx\n", a / b}'
  awk -v a="$off" -v b="$on" 'BEGIN {printf "time saved by divergence pruning (2 workers): %.0f%%\n", 100 * (1 - b / a)}'
}

memory() {
  local cp
  cp="$(bench_classpath sweep)"
  echo "# load average at start: $(load)"
  # The launcher's settings (./keel).
  # shellcheck disable=SC2086
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}" java "${KEEL_JVM_FLAGS[@]}" \
      ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.keel.sweep.run.SweepMemoryBench "${MEMORY_SPACE:-$SPACE}" "$TMP/memory" \
      "${WORKERS:-2}" "${CHECKPOINTS:-10,25,50,100,150,200}" "${MEMORY_TRIALS-200}" 2> >(nd4j_quiet)
  echo "# load average at end: $(load)"
}

case "${1:-all}" in
  wall)   wall ;;
  memory) memory ;;
  all)    memory; wall ;;
  *)      echo "usage: $0 [wall|memory|all]" >&2; exit 2 ;;
esac
