#!/usr/bin/env bash
# keel against Optuna + PyTorch on issue 13's grid (docs/PERFORMANCE.md, Against Optuna + PyTorch).
#   bench/optuna-bench.sh [30|60|all]    30: 30 epochs, keel's default early stopping (the peer has none)
#                                        60: 60 epochs, early stopping off on both sides
# Each round runs keel's whole command (`./keel sweep bench/optuna-grid.yaml --workers 2 --quiet`: JVM start,
# data, 16 trials, report.html) and the peer's (`/usr/bin/python3 bench/optuna_peer.py`: two worker processes,
# one torch thread each) back to back, in alternating order, ROUNDS times (default 5). It prints every run
# (wall seconds, steps, trials, best validation accuracy, load average), then the medians, the ratio
# keel/peer, and keel's breakdown: JVM start (`keel --version`), `keel report` on the last run, and the rest
# (data, warm-up and training). Ratios are what to quote from a shared machine; absolute seconds only from a
# quiet one. Don't edit sources while it runs: the launcher would rebuild the jar inside a timed run.
# Needs Debian's python3-optuna and python3-torch (apt-get install python3-optuna python3-torch).
# KEEL_BEFORE=DIR adds a third contestant, the keel of another checkout (an earlier commit, say, unpacked with
# `git archive`), timed the same way in the same rounds, so that before and after share the machine's load; the
# order of the contestants rotates from round to round. BEFORE_JAVA_OPTS replaces KEEL_JAVA_OPTS for that contestant
# only: KEEL_BEFORE=. BEFORE_JAVA_OPTS=-Dkeel.fuse=false compares this checkout with fused trials and without.
set -euo pipefail
cd "$(dirname "$0")/.."
# keel runs through ./keel, which reads jvm.flags itself; common.sh is sourced for the one list all the same.
. bench/common.sh
ROUNDS="${ROUNDS:-5}"
WORKERS="${WORKERS:-2}"
PY=/usr/bin/python3
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

"$PY" -c 'import optuna, torch' >/dev/null 2>&1 || {
  echo "optuna-bench: the peer needs Debian's python3-optuna and python3-torch: apt-get install python3-optuna python3-torch" >&2
  exit 2
}
./keel --version >/dev/null   # builds the jar first if sources changed, so no build is timed
[ -z "${KEEL_BEFORE:-}" ] || "$KEEL_BEFORE/keel" --version >/dev/null

# Steps, trials and best validation accuracy of a keel run, from its trials.jsonl.
keel_facts() {
  "$PY" - "$1/trials.jsonl" <<'EOF'
import json, sys
trials = [json.loads(line) for line in open(sys.argv[1])]
failed = sum(t["status"] == "failed" for t in trials)
best = max(t["metrics"].get("val_accuracy", 0) for t in trials if t["status"] != "failed")
print(f"steps {sum(t['steps'] for t in trials)} trials {len(trials)} failed {failed} best_val_accuracy {best:.4f}")
EOF
}

# One timed run of the peer with one()'s peer_args; its time in $TMP/time, its output in $TMP/stdout and stderr.
peer_round() {
  /usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$PY" bench/optuna_peer.py "${peer_args[@]}" > "$TMP/stdout" 2> "$TMP/stderr"
}

one() {  # one() EPOCHS: ROUNDS alternating rounds at EPOCHS
  local epochs="$1" space="bench/optuna-grid.yaml" peer_args=(--epochs "$1" --workers "$WORKERS")
  if [ "$epochs" != 30 ]; then
    space="$TMP/grid-$epochs.yaml"
    sed -e "s/^  epochs: {value: 30}/  epochs: {value: $epochs}\n  early_stopping: {value: none}/" \
        bench/optuna-grid.yaml > "$space"
    grep -q "early_stopping: {value: none}" "$space" || { echo "optuna-bench: cannot derive $space" >&2; exit 2; }
  fi
  echo "# $epochs epochs$([ "$epochs" = 30 ] && echo ", keel's default early stopping" || echo ", early stopping off"); $(nproc) cores; load average at start: $(load)"
  rm -f "$TMP/keel-$epochs" "$TMP/peer-$epochs" "$TMP/"*-"$epochs".cpu
  local everyone=(keel peer)
  [ -n "${KEEL_BEFORE:-}" ] && everyone=(keel peer before)
  rm -f "$TMP/before-$epochs"
  for r in $(seq "$ROUNDS"); do
    local order=(keel peer)
    [ $((r % 2)) = 0 ] && order=(peer keel)
    if [ -n "${KEEL_BEFORE:-}" ]; then
      local n=${#everyone[@]} i
      order=()
      for i in $(seq 0 $((n - 1))); do order+=("${everyone[$(((i + r - 1) % n))]}"); done
    fi
    for who in "${order[@]}"; do
      if [ "$who" = keel ] || [ "$who" = before ]; then
        local out="$TMP/$who-$epochs-$r" launcher=./keel opts="${KEEL_JAVA_OPTS:-}"
        [ "$who" = before ] && launcher="$KEEL_BEFORE/keel" && opts="${BEFORE_JAVA_OPTS:-$opts}"
        KEEL_JAVA_OPTS="$opts" /usr/bin/time -f "%e %M %U %S" -o "$TMP/time" "$launcher" sweep "$space" --workers "$WORKERS" --quiet --out "$out" \
            > "$TMP/stdout" 2> "$TMP/stderr" || { cat "$TMP/stderr" >&2; exit 1; }
        [ -s "$out/report.html" ] || { echo "optuna-bench: $out/report.html missing" >&2; exit 1; }
        read -r secs kb usr sys < "$TMP/time"
        echo "round $r $who: ${secs}s  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')s  $(keel_facts "$out")  rss=$((kb / 1024))MB  load $(load)"
        echo "$usr $sys" | awk '{printf "%.2f\n", $1 + $2}' >> "$TMP/$who-$epochs.cpu"
      else
        # Optuna 3.1's JournalFileStorage now and then lets one worker read the other's half-written line
        # (JSONDecodeError): that round of the peer is run once more, said on stderr, and its time discarded.
        if ! peer_round; then
          grep -q JSONDecodeError "$TMP/stderr" || { cat "$TMP/stderr" >&2; exit 1; }
          echo "optuna-bench: round $r of the peer hit Optuna's journal race; running it again" >&2
          peer_round || { cat "$TMP/stderr" >&2; exit 1; }
        fi
        read -r secs kb usr sys < "$TMP/time"
        echo "round $r peer: ${secs}s  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')s  $(tail -1 "$TMP/stdout" | sed 's/^peer: //; s/ seconds .*//')  rss=$((kb / 1024))MB(parent)  load $(load)"
        echo "$usr $sys" | awk '{printf "%.2f\n", $1 + $2}' >> "$TMP/$who-$epochs.cpu"
      fi
      echo "$secs" >> "$TMP/$who-$epochs"
    done
  done
  local k p
  k="$(median < "$TMP/keel-$epochs")"; p="$(median < "$TMP/peer-$epochs")"
  echo "median of $ROUNDS at $epochs epochs: keel ${k}s  peer ${p}s  ratio keel/peer $(awk -v a="$k" -v b="$p" 'BEGIN {printf "%.2f", a / b}')x"
  # CPU seconds (user + sys, children included: the peer's workers too) move less with the machine's load than wall time
  echo "median CPU seconds at $epochs epochs: keel $(median < "$TMP/keel-$epochs.cpu")  peer $(median < "$TMP/peer-$epochs.cpu")$([ -n "${KEEL_BEFORE:-}" ] && echo "  before $(median < "$TMP/before-$epochs.cpu")")"
  if [ -n "${KEEL_BEFORE:-}" ]; then
    local b
    b="$(median < "$TMP/before-$epochs")"
    echo "median of $ROUNDS at $epochs epochs: before ${b}s  ratio before/peer $(awk -v a="$b" -v c="$p" 'BEGIN {printf "%.2f", a / c}')x  keel/before $(awk -v a="$k" -v c="$b" 'BEGIN {printf "%.2f", a / c}')x"
  fi
  # keel's breakdown, from the last round's run
  local start report
  start="$( { /usr/bin/time -f %e ./keel --version >/dev/null; } 2>&1 | tail -1)"
  report="$( { /usr/bin/time -f %e ./keel report "$TMP/keel-$epochs-$ROUNDS" --out "$TMP/again.html" >/dev/null; } 2>&1 | tail -1)"
  echo "keel breakdown (last run): JVM start ${start}s, report ${report}s (keel report again), the rest (data, warm-up, training): $(awk -v t="$(tail -1 "$TMP/keel-$epochs")" -v s="$start" -v r="$report" 'BEGIN {printf "%.2f", t - s - r}')s"
}

case "${1:-all}" in
  30|60) one "$1" ;;
  all)    one 30; one 60 ;;
  *)      echo "usage: $0 [30|60|all]" >&2; exit 2 ;;
esac
