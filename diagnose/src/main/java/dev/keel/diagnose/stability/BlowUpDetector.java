package dev.keel.diagnose.stability;

/**
 * The one divergence rule that looks only backwards, shared by the offline classifier and the online
 * {@link DivergenceMonitor} so that the monitor can never stop a run the classifier would not call diverging:
 * the median of the last {@link Thresholds#SMOOTHING_WINDOW} finite losses at or above
 * {@link Thresholds#BLOW_UP_OF_START} times the starting loss, and the first (untrained) loss too, for
 * {@link Thresholds#BLOW_UP_SUSTAINED_ROWS} rows in a row. A shorter excursion that comes back is a catapult (a
 * large rate's first phase, Lewkowycz et al. 2020), which only the whole trace can judge; the offline rules do.
 * Allocation-free after construction.
 *
 * <p>Ratios need a positive loss; once a loss ≤ 0 is seen the rule stays silent for the rest of the run.
 */
final class BlowUpDetector {
    private static final int WINDOW = Thresholds.SMOOTHING_WINDOW;
    private static final int START = Thresholds.START_WINDOW;

    private final double[] window = new double[WINDOW];
    private final double[] scratch = new double[Math.max(WINDOW, START)];
    private final double[] first = new double[START];
    private int count;
    private double start = Double.NaN;
    private double untrained = Double.NaN;
    private boolean silent;
    private double lastRatio = Double.NaN;
    private int above;

    /** Feeds the next finite loss; true when the window ending here is above the line and has been for
     *  {@link Thresholds#BLOW_UP_SUSTAINED_ROWS} rows: a blow-up that no catapult lasts. */
    boolean offer(double loss) {
        return offerLevel(loss) && above >= Thresholds.BLOW_UP_SUSTAINED_ROWS;
    }

    /** Feeds the next finite loss; true when the window ending here is above the blow-up line. */
    boolean offerLevel(double loss) {
        if (silent) {
            return false;
        }
        if (!(loss > 0) || Double.isInfinite(loss)) {
            silent = true;
            return false;
        }
        if (count < START) {
            first[count] = loss;
        }
        if (count == 0) {
            untrained = loss;
        }
        window[count % WINDOW] = loss;
        count++;
        if (count == START) {
            start = Math.min(first[0], median(first, START));
        }
        if (count < Math.max(WINDOW, START)) {
            return false;
        }
        double level = median(window, WINDOW);
        lastRatio = level / start;
        boolean isAbove = lastRatio >= Thresholds.BLOW_UP_OF_START && level >= untrained;
        above = isAbove ? above + 1 : 0;
        return isAbove;
    }

    /** The starting loss (NaN before {@link Thresholds#START_WINDOW} losses). */
    double start() {
        return start;
    }

    /** The latest window's median over the start (NaN before the first full window). */
    double lastRatio() {
        return lastRatio;
    }

    private double median(double[] values, int n) {
        System.arraycopy(values, 0, scratch, 0, n);
        // Insertion sort: n is 5.
        for (int i = 1; i < n; i++) {
            double v = scratch[i];
            int j = i - 1;
            while (j >= 0 && scratch[j] > v) {
                scratch[j + 1] = scratch[j];
                j--;
            }
            scratch[j + 1] = v;
        }
        return n % 2 == 1 ? scratch[n / 2] : 0.5 * (scratch[n / 2 - 1] + scratch[n / 2]);
    }
}
