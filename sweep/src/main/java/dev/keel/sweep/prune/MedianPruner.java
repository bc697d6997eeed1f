package dev.keel.sweep.prune;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code early_terminate: {type: median}}: stops a trial whose validation loss at the end of an epoch is worse
 * than the median of the completed trials' validation losses at the same epoch (Optuna's MedianPruner, Google
 * Vizier's median stopping rule). Only completed trials set the median, as in Optuna: a pruned trial's curve
 * ends where it was worse than the median or blew up, and counting it would bend the median towards itself.
 *
 * <p>Thread-safe: every worker asks it, the thread that writes the store feeds it after each trial's line is
 * stored, and a resumed sweep feeds it the stored traces first, so a resumed sweep prunes as the original would.
 */
public final class MedianPruner implements Pruner {
    private static final long serialVersionUID = 1L;
    /** The median of fewer completed trials is too noisy to stop anyone (Optuna's n_startup_trials is 5). */
    static final int MIN_FINISHED = 4;
    /** Epochs at the end of which nobody is pruned: the first epoch's loss says little about the last. */
    static final int WARMUP_EPOCHS = 1;

    private final List<double[]> finishedCurves = new ArrayList<>();

    /** Records a completed trial's validation loss per epoch ({@code curve[e - 1]} for epoch e; NaN if absent). */
    public synchronized void finished(double[] valLossByEpoch) {
        finishedCurves.add(valLossByEpoch.clone());
    }

    @Override
    public Watch watch(PlannedTrial trial) {
        return step -> {
            if (Double.isNaN(step.valLoss())) {
                return Optional.empty();
            }
            double median = judge(step.epoch(), step.valLoss());
            if (Double.isNaN(median)) {
                return Optional.empty();
            }
            return Optional.of(new Finding(Rule.PRUNED_MEDIAN, null, step.step(), step.valLoss(), median,
                    String.format(Locale.ROOT, "stopped early: validation loss %.4g after epoch %d was worse than the"
                            + " median %.4g of completed trials", step.valLoss(), step.epoch(), median)));
        };
    }

    /** A completed trial's validation curve joins the median; pruned and failed trials' do not. */
    @Override
    public void stored(TrialRecord record, Supplier<Trace> trace) {
        if (record.status() != TrialStatus.COMPLETED) {
            return;
        }
        Trace t = trace.get();
        if (t != null) {
            finished(valLossByEpoch(t));
        }
    }

    /** The median a trial is stopped by at the end of {@code epoch}, or NaN if it goes on. */
    private synchronized double judge(int epoch, double valLoss) {
        return shouldPrune(epoch, valLoss) ? medianAt(epoch) : Double.NaN;
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
     * A trial's validation loss at the end of each epoch, read from its trace ({@link EpochValues#byEpoch}); nobody
     * is judged at epoch 1, whose length the others are measured by.
     */
    public static double[] valLossByEpoch(Trace trace) {
        return EpochValues.byEpoch(trace, Trace.VAL_LOSS);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
