package dev.keel.diagnose.labelled;

import dev.keel.diagnose.trace.Trace;

import java.util.List;
import java.util.Random;

/**
 * Curves built to a shape whose label is fixed by docs/DESIGN.md's definitions rather than by a simulated model:
 * minibatch noise around a falling loss (stable), order-of-magnitude spikes that keep coming back
 * (oscillating), NaN from the first step (diverging) and a loss that never leaves its chance level
 * (vanishing, loss only).
 */
final class SyntheticRuns {
    private SyntheticRuns() {
    }

    /**
     * Exponential decay from {@code start} to {@code floor} with log-normal minibatch noise of sd {@code noise}
     * and, with probability {@code hardBatchRate}, a "hard batch" up to 3× the trend: what SGD on shuffled
     * data looks like.
     */
    static Trace noisyFalling(int steps, double start, double floor, double tau, double noise, double hardBatchRate,
                              long seed) {
        Random rnd = new Random(seed);
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int t = 0; t < steps; t++) {
            double trend = floor + (start - floor) * Math.exp(-t / tau);
            double v = TheoryRuns.noisy(trend, noise, rnd);
            if (rnd.nextDouble() < hardBatchRate) {
                v *= 1 + 2 * rnd.nextDouble();
            }
            b.addRow(t).set(0, v);
        }
        return b.build();
    }

    /** A falling trend with spikes of 10–60× that recur every {@code period} steps (± jitter) to the end. */
    static Trace recurringSpikes(int steps, double start, double floor, int period, double noise, long seed) {
        Random rnd = new Random(seed);
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        int next = period / 2 + rnd.nextInt(period);
        int spikeLeft = 0;
        double spike = 1;
        for (int t = 0; t < steps; t++) {
            double trend = floor + (start - floor) * Math.exp(-t / (steps / 6.0));
            if (t == next) {
                spikeLeft = 2 + rnd.nextInt(6);
                spike = 10 + 50 * rnd.nextDouble();
                next = t + period / 2 + rnd.nextInt(period);
            }
            double v = TheoryRuns.noisy(trend, noise, rnd);
            if (spikeLeft > 0) {
                v = Math.min(v * spike, start * 1.5 * (0.5 + rnd.nextDouble()));
                spikeLeft--;
            }
            b.addRow(t).set(0, v);
        }
        return b.build();
    }

    /** A loss that stays at {@code level} (e.g. ln K for K classes) with small minibatch noise. */
    static Trace flatAtChance(int steps, int every, double level, double noise, long seed) {
        Random rnd = new Random(seed);
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int t = 0; t < steps; t++) {
            b.addRow((long) t * every).set(0, TheoryRuns.noisy(level, noise, rnd));
        }
        return b.build();
    }

    /** Non-finite from the first step, as when the data or the initialisation holds a NaN. */
    static Trace nanFromStart(int steps, boolean withVal) {
        Trace.Builder b = Trace.builder(withVal ? List.of(Trace.LOSS, Trace.VAL_LOSS) : List.of(Trace.LOSS));
        for (int t = 0; t < steps; t++) {
            b.addRow(t).set(0, Double.NaN);
            if (withVal && t % 10 == 9) {
                b.set(1, Double.NaN);
            }
        }
        return b.build();
    }
}
