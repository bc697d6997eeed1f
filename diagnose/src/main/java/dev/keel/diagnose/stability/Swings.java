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
            if (moved < floor) {
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
        for (int i = 0; i < n; i++) {
            z[i] = Math.log(v[i] + floor);
        }
        double[] trend = RobustStats.centredRunningMedian(z, 5);
        double[] residual = new double[n - from];
        for (int i = from; i < n; i++) {
            residual[i - from] = z[i] - trend[i];
        }
        double spread = RobustStats.quantile(residual, 0, residual.length, 0.9)
                - RobustStats.quantile(residual, 0, residual.length, 0.1);
        return new Swings(big, judged, largest, first, spread);
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
