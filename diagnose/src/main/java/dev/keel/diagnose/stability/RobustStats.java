package dev.keel.diagnose.stability;

import java.util.Arrays;

/** Medians, quantiles and running medians: statistics that one bad minibatch cannot move. */
final class RobustStats {
    private RobustStats() {
    }

    static double median(double[] values, int from, int to) {
        return quantile(values, from, to, 0.5);
    }

    static double median(double[] values) {
        return median(values, 0, values.length);
    }

    /** Linear-interpolated quantile of {@code values[from, to)}; NaN when the range is empty. */
    static double quantile(double[] values, int from, int to, double q) {
        if (to <= from) {
            return Double.NaN;
        }
        double[] copy = Arrays.copyOfRange(values, from, to);
        Arrays.sort(copy);
        double pos = q * (copy.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(copy.length - 1, lo + 1);
        double frac = pos - lo;
        return frac == 0 ? copy[lo] : copy[lo] + frac * (copy[hi] - copy[lo]);
    }

    /** Median of the window of {@code width} values centred on each index (shrunk at the ends). */
    static double[] centredRunningMedian(double[] values, int width) {
        double[] out = new double[values.length];
        int half = width / 2;
        for (int i = 0; i < values.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(values.length, i + half + 1);
            out[i] = median(values, from, to);
        }
        return out;
    }

    /** Median of the window of {@code width} values ending at each index (shorter at the start). */
    static double[] trailingRunningMedian(double[] values, int width) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = median(values, Math.max(0, i - width + 1), i + 1);
        }
        return out;
    }

    /** Lag-1 autocorrelation of {@code values[from, to)}; NaN when it is undefined (constant or too short). */
    static double lag1Autocorrelation(double[] values, int from, int to) {
        int n = to - from;
        if (n < 3) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += values[i];
        }
        mean /= n;
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] - mean;
            den += d * d;
            if (i + 1 < to) {
                num += d * (values[i + 1] - mean);
            }
        }
        return den > 0 ? num / den : Double.NaN;
    }

    /**
     * Spectral flatness of {@code values[from, to)} after removing its mean: the geometric over the arithmetic
     * mean of the periodogram (frequencies 1..n/2). White noise gives about e^−γ ≈ 0.56 whatever its
     * distribution; a rhythm (one dominant period) gives much less. Uses at most the last 1024 values.
     */
    static double spectralFlatness(double[] values, int from, int to) {
        int start = Math.max(from, to - 1024);
        int n = to - start;
        if (n < 8) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = start; i < to; i++) {
            mean += values[i];
        }
        mean /= n;
        int bins = n / 2;
        double logSum = 0;
        double sum = 0;
        int used = 0;
        for (int k = 1; k <= bins; k++) {
            double re = 0;
            double im = 0;
            double w = 2 * Math.PI * k / n;
            for (int i = 0; i < n; i++) {
                double v = values[start + i] - mean;
                re += v * Math.cos(w * i);
                im -= v * Math.sin(w * i);
            }
            double p = (re * re + im * im) / n;
            if (p > 0) {
                logSum += Math.log(p);
                sum += p;
                used++;
            }
        }
        if (used < bins || sum <= 0) {
            return Double.NaN;
        }
        return Math.exp(logSum / used) / (sum / used);
    }
}
