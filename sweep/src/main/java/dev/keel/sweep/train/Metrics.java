package dev.keel.sweep.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation numbers of docs/DESIGN.md (the result store's metric names), from a network's outputs.
 * Non-finite outputs give NaN metrics: a diverged network has no accuracy worth reporting.
 */
final class Metrics {
    /** DL4J's cross-entropy clips probabilities to [1e-10, 1] (LossMCXENT), so the loss per example is at most ~23. */
    static final double PROBABILITY_FLOOR = 1e-10;

    private Metrics() {
    }

    /** Loss and the figure that goes into the trace's {@code val_metric} column, with every named metric. */
    record Score(double loss, double metric, Map<String, Double> named) {
    }

    /**
     * @param probabilities n × classes, row-major softmax outputs
     * @param classes       the true class index of each row
     * @param prefix        {@code val_} or {@code test_}
     */
    static Score classification(float[] probabilities, double[] classes, int k, String prefix) {
        int n = classes.length;
        double loss = 0;
        int correct = 0;
        int[] truePositive = new int[k];
        int[] predicted = new int[k];
        int[] actual = new int[k];
        boolean finite = true;
        for (int r = 0; r < n; r++) {
            int y = (int) classes[r];
            int best = 0;
            for (int c = 0; c < k; c++) {
                float p = probabilities[r * k + c];
                if (!Float.isFinite(p)) {
                    finite = false;
                }
                if (p > probabilities[r * k + best]) {
                    best = c;
                }
            }
            loss -= Math.log(Math.min(1.0, Math.max(PROBABILITY_FLOOR, probabilities[r * k + y])));
            predicted[best]++;
            actual[y]++;
            if (best == y) {
                correct++;
                truePositive[y]++;
            }
        }
        Map<String, Double> named = new LinkedHashMap<>();
        if (!finite || n == 0) {
            named.put(prefix + "loss", Double.NaN);
            named.put(prefix + "accuracy", Double.NaN);
            named.put(prefix + "f1_macro", Double.NaN);
            return new Score(Double.NaN, Double.NaN, named);
        }
        double accuracy = correct / (double) n;
        named.put(prefix + "loss", loss / n);
        named.put(prefix + "accuracy", accuracy);
        named.put(prefix + "f1_macro", macroF1(truePositive, predicted, actual));
        return new Score(loss / n, accuracy, named);
    }

    /** Macro F1 over the classes that occur in the truth or the predictions, as scikit-learn's f1_score. */
    static double macroF1(int[] truePositive, int[] predicted, int[] actual) {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < truePositive.length; c++) {
            if (predicted[c] == 0 && actual[c] == 0) {
                continue;
            }
            classes++;
            double denominator = predicted[c] + actual[c];
            sum += 2.0 * truePositive[c] / denominator;
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }

    /**
     * @param standardized the network's outputs, in standardised target units
     * @param targets      the true targets, in their own units
     * @param mean         the training targets' mean
     * @param sd           the training targets' standard deviation
     */
    static Score regression(float[] standardized, double[] targets, double mean, double sd, String prefix) {
        int n = targets.length;
        double squaredStd = 0;
        double squared = 0;
        double targetMean = 0;
        boolean finite = true;
        for (double t : targets) {
            targetMean += t;
        }
        targetMean /= Math.max(1, n);
        double total = 0;
        for (int r = 0; r < n; r++) {
            if (!Float.isFinite(standardized[r])) {
                finite = false;
            }
            double zTrue = (targets[r] - mean) / sd;
            double dz = standardized[r] - zTrue;
            squaredStd += dz * dz;
            double d = (standardized[r] * sd + mean) - targets[r];
            squared += d * d;
            total += (targets[r] - targetMean) * (targets[r] - targetMean);
        }
        Map<String, Double> named = new LinkedHashMap<>();
        if (!finite || n == 0) {
            named.put(prefix + "loss", Double.NaN);
            named.put(prefix + "rmse", Double.NaN);
            named.put(prefix + "r2", Double.NaN);
            return new Score(Double.NaN, Double.NaN, named);
        }
        double r2 = total > 0 ? 1 - squared / total : Double.NaN;
        named.put(prefix + "loss", squaredStd / n);
        named.put(prefix + "rmse", Math.sqrt(squared / n));
        named.put(prefix + "r2", r2);
        return new Score(squaredStd / n, r2, named);
    }
}
