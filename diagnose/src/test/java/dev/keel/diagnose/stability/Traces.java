package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Small traces for tests, built from a loss curve and optional per-layer gradient norms. */
final class Traces {
    private Traces() {
    }

    static Trace loss(int steps, IntToDoubleFunction loss) {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int t = 0; t < steps; t++) {
            b.addRow(t).set(0, loss.applyAsDouble(t));
        }
        return b.build();
    }

    /** Loss plus grad_norm for layers dense_0 (first) … output (last); {@code first} and {@code last} per step. */
    static Trace withGradients(int steps, IntToDoubleFunction loss, IntToDoubleFunction first, IntToDoubleFunction last) {
        List<String> cols = new ArrayList<>(List.of(Trace.LOSS, "grad_norm/dense_0", "grad_norm/dense_1",
                "grad_norm/output"));
        Trace.Builder b = Trace.builder(cols);
        for (int t = 0; t < steps; t++) {
            double f = first.applyAsDouble(t);
            double l = last.applyAsDouble(t);
            b.addRow(t).set(0, loss.applyAsDouble(t)).set(1, f).set(2, Math.sqrt(f * l)).set(3, l);
        }
        return b.build();
    }

    /** Exponential decay with log-normal minibatch noise. */
    static IntToDoubleFunction noisyDecay(double start, double floor, double tau, double noise, long seed) {
        Random rnd = new Random(seed);
        double[] values = new double[100_000];
        for (int t = 0; t < values.length; t++) {
            values[t] = (floor + (start - floor) * Math.exp(-t / tau)) * Math.exp(noise * rnd.nextGaussian());
        }
        return t -> values[t];
    }

    static IntToDoubleFunction noise(double level, double sd, long seed) {
        Random rnd = new Random(seed);
        double[] values = new double[100_000];
        for (int t = 0; t < values.length; t++) {
            values[t] = level * Math.exp(sd * rnd.nextGaussian());
        }
        return t -> values[t];
    }
}
