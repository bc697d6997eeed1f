package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.Optional;

/**
 * The chance level of a log that does not give it, inferred where the evidence is clear (docs/DIAGNOSIS.md, The
 * chance level): a loss pinned at ln K, a validation accuracy stuck at 1/K, a loss frozen at one value while the rate
 * was not zero. Each answers {@link ChanceLevel#UNKNOWN} when its evidence is not there.
 */
final class ChanceInference {
    private ChanceInference() {
    }

    /**
     * A loss that froze at one value while the learning rate was not zero: a network that predicts the same thing
     * for every example gives the same loss on every pass over the data, which is the loss of its constant guess,
     * at best the priors' (Keras logs of such runs repeat "loss: 0.6931" or "loss: 0.6585" epoch after epoch).
     * Minibatch epoch means must agree to {@link Thresholds#FROZEN_EPOCH_MEAN_CHANGE} (a last, smaller batch
     * reshuffled each epoch moves them a little), rows that already average must repeat to the printed digit. A
     * loss fitted to (nearly) zero, or a rate decayed to (nearly) zero, freezes for other reasons.
     */
    static ChanceLevel frozen(Trace trace, LossCurve c, Signals.Rows rows, Series training) {
        int n = training.size();
        int len = Math.max(Thresholds.FROZEN_MIN_POINTS, n / 3);
        if (n < len + 1 || c.size() == 0) {
            return ChanceLevel.UNKNOWN;
        }
        double tolerance = rows == Signals.Rows.MINIBATCH ? Thresholds.FROZEN_EPOCH_MEAN_CHANGE : Thresholds.FROZEN_ROW_CHANGE;
        double[] v = training.value();
        for (int i = n - len + 1; i < n; i++) {
            if (Math.abs(v[i] - v[i - 1]) > tolerance * v[i - 1]) {
                return ChanceLevel.UNKNOWN;
            }
        }
        double level = RobustStats.median(v, n - len, n);
        if (level < Thresholds.FROZEN_MIN_OF_FIRST * c.value[0] || rateDecayedToZero(trace)) {
            return ChanceLevel.UNKNOWN;
        }
        // A loss printed with two significant digits (0.0047) repeats once it has converged; five (2.3026) only when
        // nothing moves.
        if (rows == Signals.Rows.AVERAGED && significantDigits(level) < Thresholds.FROZEN_MIN_DIGITS) {
            return ChanceLevel.UNKNOWN;
        }
        return ChanceLevel.frozen(level);
    }

    /** How many significant digits a number was written with (0.0047: 2; 2.3026: 5), up to 9. */
    static int significantDigits(double v) {
        if (!(v != 0) || !Double.isFinite(v)) {
            return 0;
        }
        for (int k = 1; k < 9; k++) {
            double scale = Math.pow(10, k - 1 - Math.floor(Math.log10(Math.abs(v))));
            if (Math.abs(Math.rint(v * scale) / scale - v) <= 1e-9 * Math.abs(v)) {
                return k;
            }
        }
        return 9;
    }

    /**
     * A validation accuracy that sits at 1/K for a whole K over the last evaluations, the same value each time: a
     * classifier that predicts one class for everything (on data as balanced as its classes), whose loss cannot be
     * below the priors' ln K or so. The chance level it implies, or UNKNOWN.
     */
    static ChanceLevel fromAccuracy(Trace trace) {
        double[] values = MetricColumn.isAccuracy(trace, Trace.VAL_METRIC)
                ? MetricColumn.finite(trace, Trace.VAL_METRIC) : new double[0];
        int last = Thresholds.ACCURACY_AT_GUESS_POINTS;
        if (values.length < last) {
            return ChanceLevel.UNKNOWN;
        }
        double a = values[values.length - 1];
        for (int i = values.length - last; i < values.length; i++) {
            if (Math.abs(values[i] - a) > 1e-9) {
                return ChanceLevel.UNKNOWN;
            }
        }
        double accuracy = a > 1 && a <= 100 ? a / 100 : a;
        for (int k = 2; k <= Thresholds.PINNED_MAX_K; k++) {
            if (Math.abs(accuracy - 1.0 / k) <= Thresholds.ACCURACY_AT_GUESS_TOLERANCE) {
                return new ChanceLevel(Math.log(k), ChanceLevel.Source.ACCURACY, k);
            }
        }
        return ChanceLevel.UNKNOWN;
    }

    /** The learning rate ended at less than {@link Thresholds#FROZEN_MIN_OF_FIRST} of its peak. */
    private static boolean rateDecayedToZero(Trace trace) {
        Optional<Trace.Column> lr = trace.column(Trace.LR);
        if (lr.isEmpty()) {
            return false;
        }
        double peak = 0;
        double last = Double.NaN;
        for (int r = 0; r < trace.size(); r++) {
            if (lr.get().has(r) && Double.isFinite(lr.get().get(r))) {
                peak = Math.max(peak, lr.get().get(r));
                last = lr.get().get(r);
            }
        }
        return peak > 0 && last < Thresholds.FROZEN_MIN_OF_FIRST * peak;
    }

    /**
     * A loss pinned at ln K for a whole K has learnt nothing but to guess (about) uniformly: over the last half of the
     * averaged loss nearly every point ({@link Thresholds#PINNED_SHARE}) sits at ln K, within {@link Thresholds#PINNED_BELOW} below and
     * {@link Thresholds#PINNED_ABOVE} above it. Half the run, so that a weak model settling slowly at a level that
     * happens to be some ln K is not taken for one that got there in a few steps and never moved again. The
     * validation loss, where there is one, must sit there too, and a validation accuracy well above 1/K rules it out.
     */
    static ChanceLevel pinned(Trace trace, Series training, Series validation) {
        int n = training.size();
        if (n < Thresholds.PINNED_MIN_POINTS) {
            return ChanceLevel.UNKNOWN;
        }
        int from = n / 2;
        double tail = RobustStats.median(training.value(), from, n);
        int k = ChanceLevel.nearestClassCount(tail);
        if (k == 0) {
            return pinnedAtUnitVariance(trace, training, validation, tail);
        }
        double lnK = Math.log(k);
        int at = 0;
        for (int i = from; i < n; i++) {
            at += ChanceLevel.nearestClassCount(training.value()[i]) == k ? 1 : 0;
        }
        if (at < Thresholds.PINNED_SHARE * (n - from)) {
            return ChanceLevel.UNKNOWN;
        }
        if (validation.size() > 0 && Math.abs(validation.tail(Thresholds.TAIL_FRACTION) - lnK) / lnK
                > Thresholds.PINNED_VALIDATION_TOLERANCE) {
            return ChanceLevel.UNKNOWN;
        }
        double accuracy = validationAccuracy(trace);
        if (accuracy > 1.0 / k + Thresholds.PINNED_ACCURACY_ABOVE_GUESS) {
            return ChanceLevel.UNKNOWN;
        }
        return ChanceLevel.pinned(k);
    }

    /**
     * A loss pinned at 1, as a pinned ln K: the mean squared error of predicting the mean of a standardised target
     * (keel's own regression loss, and anyone's who scales the target), nearly every point of the second half there,
     * and the validation loss too where there is one. Not for a log that shows it is a classifier (an accuracy
     * column, a cross-entropy loss, a class count): a ten-class net may well sit at a cross-entropy of 1.0 having
     * learnt.
     */
    private static ChanceLevel pinnedAtUnitVariance(Trace trace, Series training, Series validation, double tail) {
        boolean classifier = MetricColumn.isAccuracy(trace, Trace.VAL_METRIC)
                || MetricColumn.isAccuracy(trace, Trace.TRAIN_METRIC) || MetricColumn.lossNamed(trace, "entropy")
                || trace.metadata().containsKey(Trace.META_CLASSES);
        if (classifier || !ChanceLevel.atUnitVariance(tail)) {
            return ChanceLevel.UNKNOWN;
        }
        int n = training.size();
        int from = n / 2;
        int at = 0;
        for (int i = from; i < n; i++) {
            at += ChanceLevel.atUnitVariance(training.value()[i]) ? 1 : 0;
        }
        if (at < Thresholds.PINNED_SHARE * (n - from)) {
            return ChanceLevel.UNKNOWN;
        }
        if (validation.size() > 0 && Math.abs(validation.tail(Thresholds.TAIL_FRACTION) - 1.0)
                > Thresholds.PINNED_VALIDATION_TOLERANCE) {
            return ChanceLevel.UNKNOWN;
        }
        return ChanceLevel.pinnedAtUnitVariance();
    }

    /** The median of the last fifth of the validation metric when the trace says it is an accuracy, else NaN. */
    static double validationAccuracy(Trace trace) {
        double[] v = MetricColumn.isAccuracy(trace, Trace.VAL_METRIC)
                ? MetricColumn.finite(trace, Trace.VAL_METRIC) : new double[0];
        if (v.length == 0) {
            return Double.NaN;
        }
        int len = Math.max(1, (int) Math.round(v.length * Thresholds.TAIL_FRACTION));
        return RobustStats.median(v, v.length - len, v.length);
    }
}
