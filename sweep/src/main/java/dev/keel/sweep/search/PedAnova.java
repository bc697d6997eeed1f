package dev.keel.sweep.search;

import java.util.ArrayList;
import java.util.List;

/**
 * How much one knob decides whether a trial lands in a chosen subset (PED-ANOVA; Watanabe, Bansal and Hutter 2023,
 * "PED-ANOVA: efficiently quantifying hyperparameter importance in arbitrary subspaces", as Optuna's
 * {@code PedAnovaImportanceEvaluator}): the Pearson divergence between the knob's distribution among the subset
 * (the best trials, or the stable ones) and among all trials, each a Parzen estimate read on a grid. A knob whose
 * values are spread alike in both decided nothing; one the subset crowds into a corner decided a lot.
 */
final class PedAnova {
    /** Grid points a number's range is read at (Optuna: 50). */
    static final int STEPS = 50;

    private PedAnova() {
    }

    /**
     * The divergence of one coordinate: Σ p_all(x) (p_subset(x) / p_all(x) − 1)² over the grid.
     *
     * @param choices 0 for a position in [0, 1], else the number of categories
     * @param subset  the subset's coordinates on this axis
     * @param all     every trial's coordinates on this axis (the subset included)
     */
    static double divergence(int choices, List<Double> subset, List<Double> all) {
        double[] grid = choices == 0 ? linspace() : categories(choices);
        double[] top = density(choices, subset, grid);
        double[] region = density(choices, all, grid);
        double sum = 0;
        for (int i = 0; i < grid.length; i++) {
            double ratio = (top[i] + 1e-12) / (region[i] + 1e-12);
            sum += region[i] * (ratio - 1) * (ratio - 1);
        }
        return sum;
    }

    /** A Parzen estimate (Scott's-rule bandwidth) of the values, normalised over the grid. */
    private static double[] density(int choices, List<Double> values, double[] grid) {
        List<double[]> points = new ArrayList<>(values.size());
        values.forEach(v -> points.add(new double[] {v}));
        ParzenEstimator estimator = ParzenEstimator.fit(new int[] {choices}, points, true);
        double[] p = new double[grid.length];
        double total = 0;
        for (int i = 0; i < grid.length; i++) {
            p[i] = Math.exp(estimator.logPdf(new double[] {grid[i]}));
            total += p[i];
        }
        for (int i = 0; i < grid.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static double[] linspace() {
        double[] g = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
            g[i] = i / (double) (STEPS - 1);
        }
        return g;
    }

    private static double[] categories(int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = i;
        }
        return g;
    }
}
