package dev.keel.diagnose.stability;

/**
 * The reversals of an averaged loss signal ({@link Series}): every point where it turns from rising to falling or
 * back, sized by the smaller of the two moves as a ratio (on ln(loss)). Each move must also be at least the floor
 * in the loss's own units (a share of the chance level or of the start), so that a converged loss near zero turning
 * 0.01 → 0.03 is not a "threefold swing"; and dividing a move by the noise its two ends carry keeps an epoch mean
 * of a few noisy batches from counting.
 *
 * @param big        reversals at least {@code minSize} and, where the noise is known, {@code minNoiseUnits} times it
 * @param judged     points where a reversal could have been (interior points of the judged part)
 * @param largest    the largest reversal, on ln scale
 * @param firstStep  step of the first big reversal, or null
 * @param spread     10-90% spread of the judged values around their running median of five, on ln scale
 */
record Swings(int big, int judged, double largest, Long firstStep, double spread) {

    static final Swings NONE = new Swings(0, 0, 0, null, Double.NaN);

    static Swings of(Series s, double floor, double minSize, double minNoiseUnits) {
        return of(s, floor, minSize, minNoiseUnits, 0, 0);
    }

    /**
     * As {@link #of(Series, double, double, double)}, and a turn that moves the value by less than {@code grain} (in
     * its units: what a few examples of a small validation set can move it by) counts only if it is at least
     * {@code grainUnlessLog} on ln scale.
     */
    static Swings of(Series s, double floor, double minSize, double minNoiseUnits, double grain, double grainUnlessLog) {
        int n = s.size();
        int from = Math.max(1, s.judgedFrom());
        if (n - from < 3) {
            return NONE;
        }
        double[] v = s.value();
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.log(v[i]);
        }
        int big = 0;
        int judged = 0;
        double largest = 0;
        Long first = null;
        for (int i = from; i < n - 1; i++) {
            judged++;
            double up = z[i] - z[i - 1];
            double down = z[i + 1] - z[i];
            if (up * down >= 0) {
                continue;
            }
            double size = Math.min(Math.abs(up), Math.abs(down));
            double moved = Math.min(Math.abs(v[i] - v[i - 1]), Math.abs(v[i + 1] - v[i]));
            if (moved < floor || moved < grain && size < grainUnlessLog) {
                continue;
            }
            largest = Math.max(largest, size);
            double noise = noiseOfChange(s, i);
            boolean beyondNoise = Double.isNaN(noise) || size >= minNoiseUnits * noise;
            if (size >= minSize && beyondNoise) {
                big++;
                if (first == null) {
                    first = s.step()[i];
                }
            }
        }
        return new Swings(big, judged, largest, first, spread(s, from, floor));
    }

    /** The 10-90% spread of the judged values around their running median of five, on ln(value + floor). */
    private static double spread(Series s, int from, double floor) {
        double[] v = s.value();
        double[] z = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            z[i] = Math.log(v[i] + floor);
        }
        double[] trend = RobustStats.centredRunningMedian(z, 5);
        double[] residual = new double[v.length - from];
        for (int i = from; i < v.length; i++) {
            residual[i - from] = z[i] - trend[i];
        }
        return RobustStats.quantile(residual, 0, residual.length, 0.9)
                - RobustStats.quantile(residual, 0, residual.length, 0.1);
    }

    /**
     * Reversals counted as a zig-zag: a turn is confirmed once the series has come back from the extreme of its
     * current leg by at least {@code minSize} (on ln scale) and {@code floor} (in the loss's units), however many
     * points the way back takes. A densely sampled deterministic curve (full-batch gradient descent, a loss logged
     * every step as a window mean) rises and falls over several points, so its point-to-point moves are small even
     * when each leg is large; point-to-point reversals ({@link #of}) miss it. {@code rate} gives the learning rate the
     * log gives at each step ({@code NaN} where it gives none): a peak whose rise came while the rate was raised by at
     * least {@link Thresholds#SCHEDULED_RATE_RISE} (a warm restart that ramps the rate back up, a cyclic schedule, a
     * warm-up) is the schedule, not the optimisation swinging, and is not counted.
     */
    static Swings zigzag(Series s, double floor, double minSize, java.util.function.LongToDoubleFunction rate) {
        int n = s.size();
        int from = Math.max(1, s.judgedFrom());
        if (n - from < 3) {
            return NONE;
        }
        double[] v = s.value();
        // what a point-to-point change is on its own: a leg must stand out from it, so that the jitter of noisy
        // averaged rows (a window of a few batches) does not add up to turns
        double[] change = new double[n - from];
        for (int i = from; i < n; i++) {
            change[i - from] = Math.abs(Math.log(v[i] / v[i - 1]));
        }
        minSize = Math.max(minSize, Thresholds.ZIGZAG_NOISE_UNITS * RobustStats.median(change) / 0.6745);
        int hi = from - 1;
        int lo = from - 1;
        int ext = -1;
        int lastPivot = -1;
        int dir = 0;
        java.util.List<Integer> pivots = new java.util.ArrayList<>();
        int big = 0;
        double largest = 0;
        Long first = null;
        for (int i = from; i < n; i++) {
            if (dir == 0) {
                if (far(v, lo, i, floor, minSize)) {
                    dir = 1;
                    lastPivot = lo;
                    ext = i;
                } else if (far(v, i, hi, floor, minSize)) {
                    dir = -1;
                    lastPivot = hi;
                    ext = i;
                } else {
                    hi = v[i] > v[hi] ? i : hi;
                    lo = v[i] < v[lo] ? i : lo;
                }
                continue;
            }
            if (dir > 0 ? v[i] >= v[ext] : v[i] <= v[ext]) {
                ext = i;
            } else if (dir > 0 ? far(v, i, ext, floor, minSize) : far(v, ext, i, floor, minSize)) {
                pivots.add(lastPivot);
                lastPivot = ext;
                ext = i;
                dir = -dir;
            }
        }
        if (dir == 0) {
            return new Swings(0, n - from - 1, 0, null, spread(s, from, floor));
        }
        // pivots: the leg's start, then each confirmed turn, then where the last leg got to
        pivots.add(lastPivot);
        pivots.add(ext);
        for (int k = 1; k < pivots.size() - 1; k++) {
            int p = pivots.get(k);
            if (v[p] <= v[pivots.get(k - 1)]) {
                continue; // troughs are counted with the peak before them
            }
            // a sawtooth (a sharp rise, then a long slow decay: warm restarts, a schedule) is not the optimisation
            // swinging: the second half of the rise and the first half of the fall are timed, in rows
            double zp = Math.log(v[p]);
            double riseMid = (zp + Math.log(v[pivots.get(k - 1)])) / 2;
            double fallMid = (zp + Math.log(v[pivots.get(k + 1)])) / 2;
            int riseStart = p;
            while (riseStart > pivots.get(k - 1) && Math.log(v[riseStart - 1]) > riseMid) {
                riseStart--;
            }
            int fallEnd = p;
            while (fallEnd < pivots.get(k + 1) && Math.log(v[fallEnd]) > fallMid) {
                fallEnd++;
            }
            int rise = p - riseStart + 1;
            int fall = fallEnd - p;
            if (fall > Thresholds.ZIGZAG_MAX_DECAY_OVER_RISE * rise || rateRaised(s, pivots.get(k - 1), p, rate)) {
                continue;
            }
            double leg = Math.abs(zp - Math.log(v[pivots.get(k - 1)]));
            double back = Math.abs(zp - Math.log(v[pivots.get(k + 1)]));
            largest = Math.max(largest, Math.min(leg, back));
            // the peak, and the trough after it when that turn was confirmed
            big += k + 1 < pivots.size() - 1 ? 2 : 1;
            if (first == null) {
                first = s.step()[p];
            }
        }
        return new Swings(big, n - from - 1, largest, first, spread(s, from, floor));
    }

    /** Whether the rate at point {@code to} is at least {@link Thresholds#SCHEDULED_RATE_RISE} above its lowest from {@code from}. */
    private static boolean rateRaised(Series s, int from, int to, java.util.function.LongToDoubleFunction rate) {
        double peak = rate.applyAsDouble(s.step()[to]);
        if (!(peak > 0)) {
            return false;
        }
        double lowest = peak;
        for (int i = from; i < to; i++) {
            double r = rate.applyAsDouble(s.step()[i]);
            if (r > 0) {
                lowest = Math.min(lowest, r);
            }
        }
        return peak >= (1 + Thresholds.SCHEDULED_RATE_RISE) * lowest;
    }

    /** Whether {@code v[high]} is above {@code v[low]} by at least the size on ln scale and the floor in units. */
    private static boolean far(double[] v, int low, int high, double floor, double minSize) {
        return Math.log(v[high] / v[low]) >= minSize && v[high] - v[low] >= floor;
    }

    /**
     * The standard deviation, on ln(value), of the change from one point to its neighbours that noise alone gives:
     * the largest of the three points' relative noise, times √2. NaN when the series carries no noise estimate.
     */
    private static double noiseOfChange(Series s, int i) {
        double worst = Double.NaN;
        for (int j = i - 1; j <= i + 1; j++) {
            double relative = s.noise()[j];
            if (!Double.isNaN(relative)) {
                worst = Double.isNaN(worst) ? relative : Math.max(worst, relative);
            }
        }
        return Double.isNaN(worst) ? Double.NaN : worst * Math.sqrt(2);
    }
}
