package dev.keel.diagnose.stability;

/**
 * The numbers the rules read off a {@link LossCurve}, each scale-free (a ratio of losses or a difference of
 * log-losses) and blind to how steps are numbered. Computed once per trace.
 */
final class LossFeatures {
    final LossCurve curve;
    final double start;
    final double best;
    final double tail;
    /** ln(start / best): how far the loss ever got below its start. */
    final double bestImprovement;
    /** ln(loss at the middle / tail): improvement over the second half. */
    final double secondHalfImprovement;
    /** Tail over best. */
    final double tailOverBest;
    /** (tail − best) / (start − best): share of the progress given back by the end. */
    final double lostShare;
    /** First step of the stretch, reaching to the end, that stays above {@link Thresholds#LOST_OF_BEST}×best. */
    final Long lostSince;
    /** ln(untrained / best), the untrained loss being the first recorded one: how much the run had learnt. */
    final double learntFromUntrained;
    /** First step of the stretch, reaching to the end, whose level stays above halfway back from best to start. */
    final Long backSince;
    /** Typical step-to-step change of the level over the tail over that of the first half: near 0 when the loss
     *  went flat (a dead network predicts the same thing for every batch). */
    final double tailFlatness;
    /** The tail's highest level over the best level, when that peak is in the last few rows, i.e. the loss was
     *  still climbing when the log ended; 0 otherwise. */
    final double climbingEndOverBest;
    /** The share of the progress the last level gave back, as {@link #lostShare} is for the tail's median. */
    final double climbingEndLostShare;
    /** Lag-1 autocorrelation of successive changes of the level, second half. */
    final double diffAutocorrelation;
    /** Median absolute change of the level from one row to the next, second half. */
    final double typicalChange;
    /** Separate spikes above the local trend in the second half, of at least {@link Thresholds#SPIKE_LOG_RATIO}
     *  and {@link Thresholds#SPIKE_OVER_NOISE} typical changes. */
    final int spikes;
    final Long firstSpikeStep;
    /** 10–90% spread of the level around its local trend, second half. */
    final double swingSpread;
    /** Spectral flatness of the level around its local trend, second half: low when the swings have a rhythm. */
    final double flatness;
    /** Rows of the second half, where oscillation is judged. */
    final int judgedRows;
    final long judgedFromStep;

    LossFeatures(LossCurve c) {
        curve = c;
        int n = c.size();
        start = c.start;
        best = n == 0 ? Double.NaN : c.best();
        tail = n == 0 ? Double.NaN : c.tail();
        bestImprovement = Math.log(start / best);
        tailOverBest = tail / best;
        lostShare = start > best ? (tail - best) / (start - best) : 0;
        lostSince = stretchAbove(c, Thresholds.LOST_OF_BEST * best);
        learntFromUntrained = n == 0 ? Double.NaN : Math.log(c.value[0] / best);
        backSince = stretchAbove(c, best + 0.5 * (start - best));
        tailFlatness = tailFlatness(c);
        double end = climbingEnd(c, Thresholds.LOST_OF_BEST * best);
        climbingEndOverBest = end / best;
        climbingEndLostShare = start > best && end > 0 ? (end - best) / (start - best) : 0;
        int half = n / 2;
        judgedRows = n - half;
        judgedFromStep = n == 0 ? 0 : c.step[half];
        double mid = n == 0 ? Double.NaN : RobustStats.median(c.value, Math.max(0, half - Math.max(2, n / 20)),
                Math.min(n, half + Math.max(3, n / 20)));
        secondHalfImprovement = Math.log(mid / tail);
        if (judgedRows >= Thresholds.MIN_ROWS_FOR_OSCILLATION) {
            double[] d = new double[judgedRows - 1];
            double[] absD = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = c.level[half + i + 1] - c.level[half + i];
                absD[i] = Math.abs(d[i]);
            }
            diffAutocorrelation = RobustStats.lag1Autocorrelation(d, 0, d.length);
            typicalChange = RobustStats.median(absD);
            double[] trend = RobustStats.centredRunningMedian(c.level, Thresholds.TREND_WINDOW);
            double[] residual = new double[judgedRows];
            int count = 0;
            Long firstSpike = null;
            boolean inSpike = false;
            for (int i = 0; i < judgedRows; i++) {
                residual[i] = c.level[half + i] - trend[half + i];
                boolean spike = residual[i] >= Thresholds.SPIKE_LOG_RATIO
                        && residual[i] >= Thresholds.SPIKE_OVER_NOISE * typicalChange;
                if (spike && !inSpike) {
                    count++;
                    if (firstSpike == null) {
                        firstSpike = c.step[half + i];
                    }
                }
                inSpike = spike;
            }
            spikes = count;
            firstSpikeStep = firstSpike;
            swingSpread = RobustStats.quantile(residual, 0, residual.length, 0.9)
                    - RobustStats.quantile(residual, 0, residual.length, 0.1);
            flatness = RobustStats.spectralFlatness(residual, 0, residual.length);
        } else {
            flatness = Double.NaN;
            diffAutocorrelation = Double.NaN;
            typicalChange = Double.NaN;
            spikes = 0;
            firstSpikeStep = null;
            swingSpread = Double.NaN;
        }
    }

    /** The level (median of {@link Thresholds#SMOOTHING_WINDOW} losses) ending at the last loss at or before
     *  {@code atStep}; the start before the first loss. */
    double levelAt(long atStep) {
        int i = -1;
        while (i + 1 < curve.size() && curve.step[i + 1] <= atStep) {
            i++;
        }
        return i < 0 ? start : RobustStats.median(curve.value, Math.max(0, i - curve.window + 1), i + 1);
    }

    private static double tailFlatness(LossCurve c) {
        int n = c.size();
        int tailFrom = c.tailStart();
        if (tailFrom < 3 || n - tailFrom < 3 || tailFrom < n / 2) {
            return Double.NaN;
        }
        double early = medianAbsChange(c.level, 0, n / 2);
        return early > 0 ? medianAbsChange(c.level, tailFrom, n) / early : Double.NaN;
    }

    private static double medianAbsChange(double[] v, int from, int to) {
        double[] d = new double[to - from - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(v[from + i + 1] - v[from + i]);
        }
        return RobustStats.median(d);
    }

    /** First step of the stretch, reaching to the end, whose level (median of five) stays at or above {@code level}. */
    /**
     * The highest level of the tail when it comes in the last few rows (the loss still rising as the log ends) and
     * the levels have stayed above {@code lostLevel} for at least {@link Thresholds#CLIMB_MIN_SHARE} of the run
     * (a sustained climb, not a burst of noise in the last minibatches), else 0. The tail's median lags such a
     * rise: a loss climbing from its best to its start over the last fifth has a median halfway up.
     */
    private static double climbingEnd(LossCurve c, double lostLevel) {
        int n = c.value.length;
        if (n < 2 * Thresholds.SMOOTHING_WINDOW) {
            return 0;
        }
        double[] smooth = c.smooth;
        int peak = -1;
        for (int i = Math.max(Thresholds.SMOOTHING_WINDOW - 1, c.tailStart()); i < n; i++) {
            if (peak < 0 || smooth[i] >= smooth[peak]) {
                peak = i;
            }
        }
        int above = 0;
        while (above < n && smooth[n - 1 - above] >= lostLevel) {
            above++;
        }
        boolean sustained = above >= Math.max(2 * Thresholds.SMOOTHING_WINDOW, Thresholds.CLIMB_MIN_SHARE * n);
        return sustained && peak >= n - Thresholds.SMOOTHING_WINDOW ? smooth[peak] : 0;
    }

    private static Long stretchAbove(LossCurve c, double level) {
        double[] smooth = c.smooth;
        Long since = null;
        for (int i = 0; i < smooth.length; i++) {
            if (smooth[i] >= level) {
                if (since == null) {
                    since = c.step[i];
                }
            } else {
                since = null;
            }
        }
        return since;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "n=%d bestImp=%.3f learnt=%.3f halfImp=%.3f tail/best=%.2f lost=%.2f tailFlat=%.2f acf=%.2f change=%.3f spikes=%d spread=%.2f flat=%.2f",
                curve.size(), bestImprovement, learntFromUntrained, secondHalfImprovement, tailOverBest, lostShare,
                tailFlatness, diffAutocorrelation,
                typicalChange, spikes, swingSpread, flatness);
    }
}
