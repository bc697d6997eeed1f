package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Random training-like traces for property tests: a shape (decay, plateau, rise, blow-up, flip-flop, spikes,
 * random walk) with log-normal noise, optional non-finite tail, optional validation loss and per-layer columns.
 */
final class RandomTraces {
    private RandomTraces() {
    }

    static Trace of(long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 600);
        int shape = rnd.nextInt(7);
        double start = Math.exp(rnd.nextGaussian() * 3);
        double noise = rnd.nextDouble() * 0.6;
        boolean val = rnd.nextBoolean();
        boolean layers = rnd.nextBoolean();
        int nanFrom = rnd.nextInt(4) == 0 ? rnd.nextInt(n) : Integer.MAX_VALUE;
        List<String> cols = new ArrayList<>(List.of(Trace.LOSS));
        if (val) {
            cols.add(Trace.VAL_LOSS);
        }
        if (layers) {
            cols.addAll(List.of("grad_norm/l0", "grad_norm/l1", "param_norm/l0", "param_norm/l1", "update_ratio/l0",
                    "dead_fraction/l0"));
        }
        Trace.Builder b = Trace.builder(cols);
        double walk = 0;
        double firstGrad = Math.exp(rnd.nextGaussian() * 4);
        double lastGrad = Math.exp(rnd.nextGaussian() * 2);
        long step = rnd.nextInt(1000);
        for (int t = 0; t < n; t++) {
            walk += rnd.nextGaussian() * 0.1;
            double trend = switch (shape) {
                case 0 -> start * (0.05 + Math.exp(-t / 50.0));
                case 1 -> start;
                case 2 -> start * (1 + t / 100.0);
                case 3 -> t < n / 2 ? start * Math.exp(-t / 30.0) : start * 30;
                case 4 -> start * (t % 2 == 0 ? 1 : 0.3);
                case 5 -> start * (t % 40 < 3 ? 5 : 0.1);
                default -> start * Math.exp(walk);
            };
            double loss = t >= nanFrom ? (rnd.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY)
                    : trend * Math.exp(noise * rnd.nextGaussian());
            step += 1 + rnd.nextInt(3);
            b.addRow(step);
            if (rnd.nextInt(20) != 0) {
                b.set(Trace.LOSS, loss);
            }
            if (val && t % 10 == 9) {
                b.set(Trace.VAL_LOSS, trend * 1.1);
            }
            if (layers && t % 5 == 0) {
                b.set("grad_norm/l0", firstGrad * Math.exp(rnd.nextGaussian() * 0.2));
                b.set("grad_norm/l1", lastGrad);
                b.set("param_norm/l0", 10 + t * rnd.nextDouble());
                b.set("param_norm/l1", 5);
                b.set("update_ratio/l0", 1e-3 * Math.exp(rnd.nextGaussian()));
                b.set("dead_fraction/l0", rnd.nextDouble());
            }
        }
        return b.build();
    }

    /** The same trace with loss and validation loss multiplied by {@code c}. */
    static Trace scaled(Trace t, double c) {
        Trace.Builder b = Trace.builder(t.columns().stream().map(Trace.Column::name).toList());
        for (int r = 0; r < t.size(); r++) {
            b.addRow(t.steps()[r]);
            for (int i = 0; i < t.columns().size(); i++) {
                Trace.Column col = t.columns().get(i);
                if (col.has(r)) {
                    boolean isLoss = col.name().equals(Trace.LOSS) || col.name().equals(Trace.VAL_LOSS);
                    b.set(i, isLoss ? col.get(r) * c : col.get(r));
                }
            }
        }
        return b.build();
    }

    /** The same trace with every step moved by {@code offset}. */
    static Trace offset(Trace t, long offset) {
        long[] steps = t.steps().clone();
        for (int i = 0; i < steps.length; i++) {
            steps[i] += offset;
        }
        return new Trace(t.metadata(), steps, t.columns());
    }
}
