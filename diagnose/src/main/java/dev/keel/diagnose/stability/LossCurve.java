package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

/**
 * The training loss of a trace, prepared once for every rule: the rows that hold a loss, where it first
 * turned non-finite, and the finite values on a log scale. Every quantity the rules compare is a ratio of
 * losses or a difference of their logarithms, so the verdict does not change when the loss is multiplied by a
 * constant or the steps are renumbered.
 */
final class LossCurve {
    /** Trace row of each present loss cell. */
    final int[] rows;
    /** Step of the first non-finite loss that counts (see {@link #forgivenAtStart}), or {@code null}. */
    final Long firstNonFiniteStep;
    /** Non-finite losses in the very first rows, followed by nothing but finite ones: a huge initialisation's
     *  first cost, say, not a run that was lost. They are left out of the judgement (and reported). */
    final int forgivenAtStart;
    /** How many present loss cells are non-finite, and whether the last one is. */
    final int nonFiniteCount;
    final boolean endsNonFinite;
    /** Trace row of each finite loss. */
    final int[] finiteRows;
    /** Finite losses in order, as recorded. */
    final double[] raw;
    /** Finite losses in order, shifted to be positive if any is not (see {@link #positive}). */
    final double[] value;
    final long[] step;
    /** ln(value + floor): the scale on which swings and levels are compared. */
    final double[] level;
    /** The starting loss: the smaller of the first value and the median of the first few. */
    final double start;
    /** Added before taking logs so that swings far below the start (converged noise) do not count. */
    final double floor;
    /** Levels: the median of each loss and the ones before it ({@link #window} in all). */
    final double[] smooth;
    /** Rows in a level: {@link Thresholds#SMOOTHING_WINDOW} for minibatch rows, so that one freak batch cannot move
     *  it; 1 for rows that already average (a per-epoch log of five epochs has no five rows to spare). */
    final int window;

    LossCurve(Trace trace) {
        this(trace, Thresholds.SMOOTHING_WINDOW);
    }

    LossCurve(Trace trace, int window) {
        this.window = window;
        Trace.Column loss = trace.loss();
        int present = 0;
        for (int r = 0; r < trace.size(); r++) {
            if (loss.has(r)) {
                present++;
            }
        }
        rows = new int[present];
        int finite = 0;
        int nonFinite = 0;
        Long firstBad = null;
        boolean lastBad = false;
        int k = 0;
        for (int r = 0; r < trace.size(); r++) {
            if (!loss.has(r)) {
                continue;
            }
            rows[k++] = r;
            double v = loss.get(r);
            lastBad = !Double.isFinite(v);
            if (lastBad) {
                nonFinite++;
                if (firstBad == null) {
                    firstBad = trace.steps()[r];
                }
            } else {
                finite++;
            }
        }
        raw = new double[finite];
        step = new long[finite];
        finiteRows = new int[finite];
        k = 0;
        int leading = 0;
        boolean laterBad = false;
        for (int r = 0; r < trace.size(); r++) {
            if (!loss.has(r)) {
                continue;
            }
            if (Double.isFinite(loss.get(r))) {
                raw[k] = loss.get(r);
                finiteRows[k] = r;
                step[k++] = trace.steps()[r];
            } else if (k == 0) {
                leading++;
            } else {
                laterBad = true;
            }
        }
        boolean forgive = leading > 0 && leading <= Thresholds.NON_FINITE_START_ROWS && !laterBad
                && finite >= Thresholds.START_WINDOW;
        forgivenAtStart = forgive ? leading : 0;
        firstNonFiniteStep = forgive ? null : firstBad;
        nonFiniteCount = forgive ? 0 : nonFinite;
        endsNonFinite = lastBad;
        value = positive(raw);
        smooth = RobustStats.trailingRunningMedian(value, window);
        start = startOf(value, window);
        floor = Thresholds.LEVEL_FLOOR_OF_START * start;
        level = new double[value.length];
        for (int i = 0; i < value.length; i++) {
            level[i] = Math.log(value[i] + floor);
        }
    }

    int size() {
        return value.length;
    }

    /**
     * Losses that can be zero or negative (a log-likelihood, a shifted objective) are moved up so that their
     * minimum sits a tenth of their median spread above zero. The shift scales with the loss, so ratios stay
     * scale-free. Ordinary positive losses are left as they are.
     */
    static double[] positive(double[] raw) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : raw) {
            min = Math.min(min, v);
        }
        if (raw.length == 0 || min > 0) {
            return raw.clone();
        }
        double median = RobustStats.median(raw);
        double gap = median - min;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : raw) {
            max = Math.max(max, v);
        }
        double lift = gap > 0 ? 0.1 * gap : max > min ? 0.1 * (max - min) : Math.abs(min) > 0 ? Math.abs(min) : 1;
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] - min + lift;
        }
        return out;
    }

    static double startOf(double[] value, int window) {
        if (value.length == 0) {
            return Double.NaN;
        }
        int k = Math.min(Math.min(Thresholds.START_WINDOW, window), value.length);
        return Math.min(value[0], RobustStats.median(value, 0, k));
    }

    /** The best level reached: the lowest median of {@link #window} consecutive losses. */
    double best() {
        double best = start;
        for (int i = Math.max(0, Math.min(window, smooth.length) - 1); i < smooth.length; i++) {
            best = Math.min(best, smooth[i]);
        }
        return best;
    }

    /** Median of the last {@link Thresholds#TAIL_FRACTION} of the finite losses (at least a few). */
    double tail() {
        int from = tailStart();
        return RobustStats.median(value, from, value.length);
    }

    int tailStart() {
        int n = value.length;
        int len = Math.max(Math.min(Math.max(window, 2), n), (int) Math.round(n * Thresholds.TAIL_FRACTION));
        return n - len;
    }
}
