package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The noise model: what each row of the training loss averages over, and the signals that average minibatch noise
 * out. A row is a single minibatch (a keel trace, a PyTorch loop logging every step: several rows an epoch) or
 * already an average (a full batch, an epoch mean from Keras, a Hugging Face logging window). Minibatch rows are
 * averaged over each epoch (or over windows of rows when the log has no epochs), with the noise each average
 * carries; averaged rows are taken as they are. The validation passes are a signal of their own.
 */
final class Signals {
    /** What a row of the training loss is. */
    enum Rows { MINIBATCH, AVERAGED }

    final Rows rows;
    /** The averaged training loss (epoch means, window means, or the rows themselves). */
    final Series training;
    /** The same averages without each group's highest losses ({@link #upperTrimmedMean}), for judging swings of
     *  minibatch rows when no validation loss is there to witness that spikes are noise; the rows themselves when
     *  they already average. */
    final Series trainingWithoutSpikes;
    final Series validation;
    final ChanceLevel chance;
    /** What swings are measured against: the chance level when known, else the start of the loss. */
    final double scale;
    /** The lowest running median of the raw loss over {@link #rawWindow} rows: a dip too short for an epoch mean. */
    final double rawBest;
    /** The best validation metric as an accuracy (NaN unless the trace says its metric is accuracy) and as R^2. */
    final double bestAccuracy;
    final double bestR2;

    private Signals(Rows rows, Series training, Series trainingWithoutSpikes, Series validation, ChanceLevel chance,
                    double scale, double rawBest, double bestAccuracy, double bestR2) {
        this.rows = rows;
        this.training = training;
        this.trainingWithoutSpikes = trainingWithoutSpikes;
        this.validation = validation;
        this.chance = chance;
        this.scale = scale;
        this.rawBest = rawBest;
        this.bestAccuracy = bestAccuracy;
        this.bestR2 = bestR2;
    }

    /** Rows in the running median behind {@link #rawBest}: five, or a fiftieth of a long run. */
    static int rawWindow(int rows) {
        return Math.max(Thresholds.SMOOTHING_WINDOW, rows / 50);
    }

    /** What a row of the training loss is (see the class comment). */
    static Rows rowsOf(Trace trace, LossCurve c) {
        String declared = trace.metadata().getOrDefault(Thresholds.META_LOSS_ROWS, "").trim().toLowerCase(Locale.ROOT);
        if (declared.equals("epoch_mean")) {
            return Rows.AVERAGED;
        }
        Optional<int[]> groups = epochGroups(trace, c);
        if (groups.isPresent() && medianGroupSize(groups.get()) >= 2) {
            return Rows.MINIBATCH;
        }
        // One row an epoch, a logging window, or no epochs at all: minibatch rows still if they carry a minibatch's
        // noise (a loss sampled every few steps, a Hugging Face window of a few batches).
        return looksLikeMinibatchNoise(c) ? Rows.MINIBATCH : Rows.AVERAGED;
    }

    static Signals of(Trace trace, LossCurve c, ChanceLevel given, Rows rows) {
        Optional<int[]> epochGroups = epochGroups(trace, c);
        Series training;
        Series withoutSpikes;
        if (rows == Rows.AVERAGED) {
            training = rowsAsTheyAre(c, "logged loss");
            withoutSpikes = training;
        } else if (epochGroups.isPresent() && medianGroupSize(epochGroups.get()) >= 2) {
            training = averaged(c, epochGroups.get(), "epoch mean", false);
            withoutSpikes = averaged(c, epochGroups.get(), "epoch mean without its highest batches", true);
        } else {
            training = averaged(c, windows(c.size()), "mean of a window of logged losses", false);
            withoutSpikes = averaged(c, windows(c.size()), "mean of a window of logged losses without its highest",
                    true);
        }
        Series validation = validation(trace);
        ChanceLevel chance = given != null && given.known() ? given : ChanceLevel.fromMetadata(trace);
        if (!chance.known()) {
            chance = ChanceInference.pinned(trace, training, validation);
        }
        if (!chance.known()) {
            chance = ChanceInference.fromAccuracy(trace);
        }
        if (!chance.known()) {
            chance = ChanceInference.frozen(trace, c, rows, training);
        }
        double scale = chance.known() ? chance.loss() : c.start;
        double rawBest = Double.POSITIVE_INFINITY;
        int window = rawWindow(c.size());
        double[] medians = RobustStats.trailingRunningMedian(c.value, window);
        for (int i = window - 1; i < medians.length; i++) {
            rawBest = Math.min(rawBest, medians[i]);
        }
        String metric = trace.metadata().getOrDefault(Trace.VAL_METRIC, "").trim().toLowerCase(Locale.ROOT);
        double bestMetric = MetricColumn.best(trace, Trace.VAL_METRIC);
        return new Signals(rows, training, withoutSpikes, validation, chance, scale, rawBest,
                metric.equals("accuracy") ? bestMetric : Double.NaN,
                metric.equals("r2") ? bestMetric : Double.NaN);
    }

    /**
     * The end (exclusive, in finite-loss indices) of each run of consecutive rows with the same epoch, when the
     * trace has an epoch on (nearly) every row that holds a loss.
     */
    private static Optional<int[]> epochGroups(Trace trace, LossCurve c) {
        Optional<Trace.Column> epoch = trace.column(Trace.EPOCH);
        if (epoch.isEmpty() || c.size() == 0) {
            return Optional.empty();
        }
        int with = 0;
        for (int row : c.finiteRows) {
            if (epoch.get().has(row) && Double.isFinite(epoch.get().get(row))) {
                with++;
            }
        }
        if (with < 0.9 * c.size()) {
            return Optional.empty();
        }
        List<Integer> ends = new ArrayList<>();
        double current = Double.NaN;
        for (int i = 0; i < c.size(); i++) {
            int row = c.finiteRows[i];
            double e = epoch.get().has(row) ? epoch.get().get(row) : current;
            if (i > 0 && Double.compare(e, current) != 0) {
                ends.add(i);
            }
            current = e;
        }
        ends.add(c.size());
        return Optional.of(ends.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double medianGroupSize(int[] ends) {
        double[] sizes = new double[ends.length];
        int from = 0;
        for (int g = 0; g < ends.length; g++) {
            sizes[g] = ends[g] - from;
            from = ends[g];
        }
        return RobustStats.median(sizes);
    }

    /**
     * Without epochs or a declaration, rows are minibatch noise when successive changes anti-correlate the way
     * independent noise makes them (−0.5; a smooth averaged curve gives about 0 or more) and have no rhythm (a
     * deterministic cycle, period two or longer, anti-correlates too, but its spectrum is far from flat). Short
     * logs (a row an epoch, usually) are taken as averages.
     */
    private static boolean looksLikeMinibatchNoise(LossCurve c) {
        int n = c.size();
        if (n < Thresholds.MIN_ROWS_FOR_NOISE_TEST) {
            return false;
        }
        double[] trend = RobustStats.centredRunningMedian(c.level, Thresholds.TREND_WINDOW);
        double[] d = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            d[i] = (c.level[i + 1] - trend[i + 1]) - (c.level[i] - trend[i]);
        }
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = c.level[i] - trend[i];
        }
        return RobustStats.lag1Autocorrelation(d, 0, d.length) <= Thresholds.MINIBATCH_DIFF_AUTOCORRELATION
                && !(RobustStats.spectralFlatness(residual, 0, n) <= Thresholds.RHYTHM_FLATNESS);
    }

    /** Windows of consecutive rows, so that a log without epochs still has about 30 averages. */
    private static int[] windows(int n) {
        int width = Math.max(Thresholds.SMOOTHING_WINDOW, n / 30);
        List<Integer> ends = new ArrayList<>();
        for (int end = width; end < n; end += width) {
            ends.add(end);
        }
        ends.add(n);
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Series rowsAsTheyAre(LossCurve c, String what) {
        double[] noise = new double[c.size()];
        java.util.Arrays.fill(noise, Double.NaN);
        return new Series(c.value.clone(), c.step.clone(), noise, what);
    }

    /**
     * The mean of a group of losses without its highest {@link Thresholds#SPIKE_TRIM} (at least one once the group has
     * five): single-batch spikes (a hard example in a batch of four) move an epoch's mean by a factor of two on a
     * converged loss, the mean of the rest they do not.
     */
    static double upperTrimmedMean(double[] v, int from, int to) {
        int n = to - from;
        if (n < 5) {
            return mean(v, from, to);
        }
        double[] sorted = java.util.Arrays.copyOfRange(v, from, to);
        java.util.Arrays.sort(sorted);
        int keep = n - Math.max(1, (int) Math.floor(n * Thresholds.SPIKE_TRIM));
        return mean(sorted, 0, keep);
    }

    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum / (to - from);
    }

    /**
     * The mean of each group of minibatch rows, with the noise of that mean: the spread of the group's rows around
     * the loss's running median (so that the fall within an early epoch is not counted as noise), over the square
     * root of their number, relative to the mean. With {@code trimmed}, the value is the mean without the group's highest losses.
     */
    private static Series averaged(LossCurve c, int[] ends, String what, boolean trimmed) {
        double[] trend = RobustStats.centredRunningMedian(c.value, Thresholds.TREND_WINDOW);
        double[] value = new double[ends.length];
        long[] step = new long[ends.length];
        double[] noise = new double[ends.length];
        int from = 0;
        int kept = 0;
        for (int end : ends) {
            int n = end - from;
            if (n > 0) {
                double sum = 0;
                double squares = 0;
                for (int i = from; i < end; i++) {
                    sum += c.value[i];
                    double r = c.value[i] - trend[i];
                    squares += r * r;
                }
                double mean = sum / n;
                value[kept] = trimmed ? upperTrimmedMean(c.value, from, end) : mean;
                noise[kept] = n >= 2 && mean > 0 ? Math.sqrt(squares / (n - 1)) / Math.sqrt(n) / mean : Double.NaN;
                step[kept] = c.step[end - 1];
                kept++;
            }
            from = end;
        }
        return new Series(java.util.Arrays.copyOf(value, kept), java.util.Arrays.copyOf(step, kept),
                java.util.Arrays.copyOf(noise, kept), what);
    }

    private static Series validation(Trace trace) {
        Optional<Trace.Column> val = trace.column(Trace.VAL_LOSS);
        if (val.isEmpty()) {
            return Series.empty("validation loss");
        }
        List<double[]> points = new ArrayList<>();
        for (int r = 0; r < trace.size(); r++) {
            if (val.get().has(r) && Double.isFinite(val.get().get(r)) && val.get().get(r) > 0) {
                points.add(new double[] {val.get().get(r), trace.steps()[r]});
            }
        }
        double[] value = new double[points.size()];
        long[] step = new long[points.size()];
        double[] noise = new double[points.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = points.get(i)[0];
            step[i] = (long) points.get(i)[1];
            noise[i] = Double.NaN;
        }
        return new Series(value, step, noise, "validation loss");
    }
}
