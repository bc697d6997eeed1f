package dev.keel.sweep.run;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code early_terminate: {type: median}}: stops a trial whose validation loss at the end of an epoch is worse
 * than the median of the completed trials' validation losses at the same epoch (Optuna's MedianPruner, Google
 * Vizier's median stopping rule). Only completed trials set the median, as in Optuna: a pruned trial's curve
 * ends where it was worse than the median or blew up, and counting it would bend the median towards itself.
 *
 * <p>Thread-safe: every worker asks it, the thread that writes the store feeds it after each trial's line is
 * stored, and a resumed sweep feeds it the stored traces first, so a resumed sweep prunes as the original would.
 */
public final class MedianPruner {
    /** The median of fewer completed trials is too noisy to stop anyone (Optuna's n_startup_trials is 5). */
    static final int MIN_FINISHED = 4;
    /** Epochs at the end of which nobody is pruned: the first epoch's loss says little about the last. */
    static final int WARMUP_EPOCHS = 1;

    private final List<double[]> finishedCurves = new ArrayList<>();

    /** Records a completed trial's validation loss per epoch ({@code curve[e - 1]} for epoch e; NaN if absent). */
    public synchronized void finished(double[] valLossByEpoch) {
        finishedCurves.add(valLossByEpoch.clone());
    }

    /** The completed trials' curves, copied: what a Spark task's own pruner is given. */
    public synchronized List<double[]> finishedCurves() {
        return finishedCurves.stream().map(double[]::clone).toList();
    }

    /** How many completed trials set the median. */
    public synchronized int finishedTrials() {
        return finishedCurves.size();
    }

    /** Whether a trial with validation loss {@code valLoss} at the end of {@code epoch} should stop now. */
    public synchronized boolean shouldPrune(int epoch, double valLoss) {
        if (epoch <= WARMUP_EPOCHS) {
            return false;
        }
        double median = medianAt(epoch);
        if (Double.isNaN(median)) {
            return false;
        }
        return !(valLoss <= median);
    }

    /** The median of completed trials' validation loss at the end of {@code epoch}, or NaN with too few of them. */
    public synchronized double medianAt(int epoch) {
        double[] values = finishedCurves.stream()
                .filter(c -> c.length >= epoch && Double.isFinite(c[epoch - 1]))
                .mapToDouble(c -> c[epoch - 1])
                .toArray();
        if (values.length < MIN_FINISHED) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /**
     * A trial's validation loss at the end of each epoch, read from its trace (one row a step from step 1, as
     * keel writes them). A validation taken where a trial stopped mid-epoch (time budget) is not an epoch's end
     * and is left out. The epoch length is that of epoch 1, which is whole whenever a later epoch exists; and
     * nobody is judged at epoch 1.
     */
    public static double[] valLossByEpoch(Trace trace) {
        Trace.Column epochs = trace.column(Trace.EPOCH).orElse(null);
        Trace.Column val = trace.column(Trace.VAL_LOSS).orElse(null);
        if (epochs == null || val == null || trace.size() == 0) {
            return new double[0];
        }
        int lastEpoch = 0;
        long firstEpochSteps = 0;
        for (int r = 0; r < trace.size(); r++) {
            if (epochs.has(r)) {
                lastEpoch = Math.max(lastEpoch, (int) epochs.get(r));
                if (epochs.get(r) == 1) {
                    firstEpochSteps++;
                }
            }
        }
        double[] curve = new double[Math.max(0, lastEpoch)];
        Arrays.fill(curve, Double.NaN);
        long[] steps = trace.steps();
        for (int r = 0; r < trace.size(); r++) {
            if (!epochs.has(r) || !val.has(r)) {
                continue;
            }
            int epoch = (int) epochs.get(r);
            if (epoch >= 1 && steps[r] == epoch * firstEpochSteps) {
                curve[epoch - 1] = val.get(r);
            }
        }
        return curve;
    }
}
