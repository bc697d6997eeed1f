package dev.keel.sweep.data;

import java.util.List;
import java.util.Random;

/**
 * {@code builtin:spirals}: two interleaved spirals, one per class (Lang and Witbrock's benchmark, 1988),
 * in the plane. Each arm winds {@link #TURNS} times out to radius 1; the arms are {@code 1/(2·TURNS)}
 * apart radially and each point carries Gaussian noise of {@link #NOISE}, so a classifier has to learn a
 * tightly curved boundary: a linear model scores near chance, and a deep or badly initialised network
 * shows vanishing gradients and sensitivity to the learning rate. Two features, {@code x} and {@code y},
 * both in about [-1, 1]; classes {@code 0} and {@code 1}, balanced.
 */
final class TwoSpirals implements SyntheticDataset {
    static final int ROWS_PER_CLASS = 300;
    static final double TURNS = 1.5;
    static final double NOISE = 0.05;

    @Override
    public String name() {
        return "spirals";
    }

    @Override
    public String target() {
        return "label";
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Generated generate(long seed) {
        Random rng = new Random(Seeds.derive(seed, "builtin:spirals"));
        double[][] features = new double[2 * ROWS_PER_CLASS][];
        double[] targets = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            int arm = i % 2;
            double s = rng.nextDouble();
            double angle = 2 * Math.PI * TURNS * s + arm * Math.PI;
            features[i] = new double[] {
                s * Math.cos(angle) + NOISE * rng.nextGaussian(),
                s * Math.sin(angle) + NOISE * rng.nextGaussian()};
            targets[i] = arm;
        }
        String note = "builtin:spirals: two interleaved spirals of " + ROWS_PER_CLASS + " points each, "
                + Cells.format(TURNS) + " turns, noise " + Cells.format(NOISE) + ", drawn from seed " + seed;
        return new Generated(List.of("x", "y"), List.of("0", "1"), features, targets, List.of(note));
    }
}
