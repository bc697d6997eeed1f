package dev.keel.sweep.train;

import dev.keel.sweep.config.LearningRateSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning rate of every {@code lr_schedule} as a function of the optimiser step, planned over the
 * trial's total steps T (epochs × steps per epoch) so that each schedule has the same shape whatever the
 * data size. The constants are documented in docs/KNOBS.md; lr0 is {@code learning_rate}.
 *
 * <p>DL4J ships step, exponential, inverse and poly schedules, but with constants per step rather than
 * per planned run, and its poly schedule grows with {@code (1 + i/max)^power}; implementing all eight here
 * keeps them consistent and testable against the formulas in one place.
 */
public final class ScheduledLearningRate implements ISchedule {
    /** step: halve the rate every 30% of the planned steps. */
    static final double STEP_EVERY = 0.3;
    static final double STEP_FACTOR = 0.5;
    /** exponential: decay to 1% of lr0 by the last step. */
    static final double EXPONENTIAL_FINAL = 0.01;
    /** inverse: lr0 / (1 + k·t/T), ending at lr0 / 10. */
    static final double INVERSE_K = 9.0;
    /** poly: lr0 · (1 − t/T)^0.9, the "poly" policy of DeepLab. */
    static final double POLY_POWER = 0.9;
    /** one_cycle: PyTorch OneCycleLR's defaults — 30% warm-up from lr0/25, then down to lr0/25/1e4. */
    static final double ONE_CYCLE_WARMUP = 0.3;
    static final double ONE_CYCLE_DIV = 25.0;
    static final double ONE_CYCLE_FINAL_DIV = 1e4;
    /** warmup_cosine: linear warm-up over the first 5% of steps, then cosine decay to 0. */
    static final double WARMUP = 0.05;

    private final LearningRateSchedule kind;
    private final double initial;
    private final long plannedSteps;

    public ScheduledLearningRate(LearningRateSchedule kind, double initial, long plannedSteps) {
        if (plannedSteps < 1) {
            throw new IllegalArgumentException("planned steps must be >= 1, was " + plannedSteps);
        }
        this.kind = kind;
        this.initial = initial;
        this.plannedSteps = plannedSteps;
    }

    public LearningRateSchedule kind() {
        return kind;
    }

    public long plannedSteps() {
        return plannedSteps;
    }

    /** The rate used by the optimiser step with 0-based index {@code t}. Steps past the plan keep the last rate. */
    public double at(long t) {
        double steps = plannedSteps;
        double p = Math.min(Math.max(t, 0), plannedSteps - 1) / steps;
        return switch (kind) {
            case CONSTANT -> initial;
            case STEP -> initial * Math.pow(STEP_FACTOR, Math.floor(Math.min(t, plannedSteps - 1)
                    / Math.max(1.0, Math.round(STEP_EVERY * steps))));
            case EXPONENTIAL -> initial * Math.pow(EXPONENTIAL_FINAL, p);
            case INVERSE -> initial / (1 + INVERSE_K * p);
            case POLY -> initial * Math.pow(1 - p, POLY_POWER);
            case COSINE -> initial * 0.5 * (1 + Math.cos(Math.PI * p));
            case ONE_CYCLE -> oneCycle(p);
            case WARMUP_COSINE -> warmupCosine(Math.min(Math.max(t, 0), plannedSteps - 1));
        };
    }

    private double oneCycle(double p) {
        double low = initial / ONE_CYCLE_DIV;
        if (p < ONE_CYCLE_WARMUP) {
            return cosineBetween(low, initial, p / ONE_CYCLE_WARMUP);
        }
        return cosineBetween(initial, low / ONE_CYCLE_FINAL_DIV, (p - ONE_CYCLE_WARMUP) / (1 - ONE_CYCLE_WARMUP));
    }

    private double warmupCosine(long t) {
        long warm = Math.max(1, Math.round(WARMUP * plannedSteps));
        if (t < warm) {
            return initial * (t + 1) / warm;
        }
        double q = plannedSteps == warm ? 1 : (t - warm) / (double) (plannedSteps - warm);
        return initial * 0.5 * (1 + Math.cos(Math.PI * q));
    }

    /** Cosine interpolation from {@code from} (q = 0) to {@code to} (q = 1). */
    private static double cosineBetween(double from, double to, double q) {
        return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * q));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new ScheduledLearningRate(kind, initial, plannedSteps);
    }
}
