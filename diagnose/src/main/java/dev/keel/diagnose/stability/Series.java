package dev.keel.diagnose.stability;

/**
 * A loss signal that averages minibatch noise out: the validation passes, the training loss averaged over each
 * epoch (or over windows of rows when the log has no epochs), or rows that already average (a full batch, a
 * per-epoch log). Swings are judged on these, in units of what their noise allows, never on raw minibatch levels.
 *
 * @param value    the averaged loss, in order
 * @param step     the step at the end of each average
 * @param noise    the standard deviation of ln(value) that minibatch noise alone gives each value (the spread of
 *                 the rows it averages over, divided by the square root of their number); NaN where the rows
 *                 already average and nothing is known of their noise
 * @param what     what one value is, for findings ("epoch mean", "validation loss")
 */
record Series(double[] value, long[] step, double[] noise, String what) {

    static Series empty(String what) {
        return new Series(new double[0], new long[0], new double[0], what);
    }

    int size() {
        return value.length;
    }

    double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : value) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Median of the last {@code share} of the values (at least one). */
    double tail(double share) {
        int n = value.length;
        if (n == 0) {
            return Double.NaN;
        }
        int len = Math.max(1, (int) Math.round(n * share));
        return RobustStats.median(value, n - len, n);
    }

    /** Index of the first value judged for swings: after the first descent, a fixed share of the way in. */
    int judgedFrom() {
        return (int) Math.floor(value.length * Thresholds.SWING_JUDGED_FROM);
    }
}
