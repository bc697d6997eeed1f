package dev.keel.sweep.run;

import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How far the plain path is from itself (docs/PERFORMANCE.md, Fused trials): each trial of a space trained alone, then
 * alone again with one initial weight moved up by one float ulp (one run per index given, {@code -Dkeel.probe.nudge}),
 * then all of them fused, each as the sweep runs it (pruner, diagnosis, record). Prints, per trial, each run's verdict,
 * status, steps and validation accuracy, and the first step (of the first 500) at which its loss is more than 1e-4 relative apart
 * from the plain trial's; then whether the fused lane lies within the spread of the plain trial's one-ulp neighbours.
 * <pre>
 * OMP_NUM_THREADS=1 java -cp ... dev.keel.sweep.run.OneUlpProbe bench/optuna-grid.yaml 100,4500,8500 [t0006-r0,...]
 * </pre>
 */
public final class OneUlpProbe {
    private OneUlpProbe() {
    }

    public static void main(String[] args) {
        SweepSpace space = SpaceParser.parse(Path.of(args[0]));
        String[] nudges = (args.length > 1 ? args[1] : "100,4500,8500").split(",");
        SweepSession session = SweepSession.open(space);
        TrialQueue queue = TrialQueue.of(space);
        Set<String> only = args.length > 2 ? Set.of(args[2].split(",")) : Set.of();
        List<PlannedTrial> trials = new ArrayList<>();
        while (queue.hasNext()) {
            PlannedTrial t = queue.next();
            if (only.isEmpty() || only.contains(t.id())) {
                trials.add(t);
            }
        }
        List<TrialResult> fused = session.runFused(trials);
        int within = 0;
        for (int i = 0; i < trials.size(); i++) {
            PlannedTrial t = trials.get(i);
            System.clearProperty(dev.keel.sweep.train.Trainer.NUDGE_PROPERTY);
            TrialResult alone = session.run(t);
            List<TrialResult> neighbours = new ArrayList<>();
            for (String n : nudges) {
                System.setProperty(dev.keel.sweep.train.Trainer.NUDGE_PROPERTY, n.trim());
                neighbours.add(session.run(t));
            }
            System.clearProperty(dev.keel.sweep.train.Trainer.NUDGE_PROPERTY);
            System.out.printf("%s %s%n", t.id(), t.params());
            print("  alone   ", alone, alone);
            int earliestNeighbour = Integer.MAX_VALUE;
            Set<String> verdicts = new LinkedHashSet<>();
            verdicts.add(describe(alone.record()));
            double lo = accuracy(alone);
            double hi = lo;
            long minSteps = alone.record().steps();
            long maxSteps = minSteps;
            for (int k = 0; k < neighbours.size(); k++) {
                TrialResult nb = neighbours.get(k);
                int apart = print("  ulp@" + String.format("%-4s", nudges[k].trim()), nb, alone);
                earliestNeighbour = Math.min(earliestNeighbour, apart);
                verdicts.add(describe(nb.record()));
                lo = Math.min(lo, accuracy(nb));
                hi = Math.max(hi, accuracy(nb));
                minSteps = Math.min(minSteps, nb.record().steps());
                maxSteps = Math.max(maxSteps, nb.record().steps());
            }
            TrialResult lane = fused.get(i);
            int fusedApart = print("  fused   ", lane, alone);
            boolean neighboursAgree = verdicts.size() == 1;
            boolean verdictOk = verdicts.contains(describe(lane.record()));
            // Drifting apart no sooner than half the step at which the earliest neighbour drifts (rounding growth is
            // exponential, so the step it shows varies by tens of percent with where the first difference lands).
            boolean trajectoryOk = fusedApart >= earliestNeighbour / 2;
            double acc = accuracy(lane);
            boolean metricOk = acc >= lo - 1e-3 && acc <= hi + 1e-3;
            boolean ok = verdictOk && (neighboursAgree ? trajectoryOk && metricOk : true);
            within += ok ? 1 : 0;
            System.out.printf("  neighbours %s on %s; fused within their spread: %s (verdict %s, trajectory %s,"
                    + " val_accuracy %.4f in [%.4f, %.4f] %s, steps %d..%d)%n", neighboursAgree ? "agree" : "DISAGREE",
                    verdicts, ok ? "yes" : "NO", verdictOk, trajectoryOk, acc, lo, hi, metricOk, minSteps, maxSteps);
        }
        System.out.printf("fused within the plain path's one-ulp spread on %d of %d trials%n", within, trials.size());
    }

    private static String describe(TrialRecord r) {
        return r.verdict() + "/" + r.status();
    }

    private static double accuracy(TrialResult r) {
        Double a = r.record().metrics().get("val_accuracy");
        return a == null ? Double.NaN : a;
    }

    /** Prints one run and returns {@link FusedSweepTest#firstApart} against the reference. */
    private static int print(String label, TrialResult run, TrialResult reference) {
        int apart = FusedSweepTest.firstApart(reference, run);
        TrialRecord r = run.record();
        System.out.printf("%s %-11s %-9s %6d steps  val_accuracy %s  loss apart from step %s%n", label, r.verdict(),
                r.status(), r.steps(), r.metrics().get("val_accuracy"), apart == Integer.MAX_VALUE ? "never" : apart);
        return apart;
    }
}
