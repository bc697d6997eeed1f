package dev.keel.sweep.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code early_terminate: {type: median}}: stops a trial whose validation loss at an epoch is worse than
 * the median of the finished trials' validation losses at the same epoch (Optuna's MedianPruner, Google
 * Vizier's median stopping rule). Thread-safe: every worker asks it, the sweep's writer feeds it.
 */
public final class MedianPruner {
    /** The median of fewer finished trials is too noisy to stop anyone (Optuna's n_startup_trials is 5). */
    static final int MIN_FINISHED = 4;
    /** Epochs before which nobody is pruned: the first epoch's loss says little about the last. */
    static final int WARMUP_EPOCHS = 1;

    private final List<double[]> finishedCurves = new ArrayList<>();

    /** Records a finished trial's validation loss per epoch ({@code curve[e - 1]} for epoch e; NaN if absent). */
    public synchronized void finished(double[] valLossByEpoch) {
        finishedCurves.add(valLossByEpoch.clone());
    }

    /** Whether a trial with validation loss {@code valLoss} after {@code epoch} should stop now. */
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

    /** The median of finished trials' validation loss at {@code epoch}, or NaN with too few of them. */
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
}
