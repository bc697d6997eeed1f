package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

/**
 * Everything the rules read about one run, computed once: the raw loss ({@link LossCurve}, {@link LossFeatures}),
 * the averaged signals and the chance level ({@link Signals}), the per-layer columns ({@link LayerEvidence}), and
 * the thresholds in force ({@link Calibration}). The few quantities that depend on the thresholds are methods.
 */
record Evidence(Trace trace, LossCurve curve, LossFeatures loss, Signals signals, LayerEvidence layers,
                Calibration calibration) {

    static Evidence of(Trace trace, ChanceLevel given, Calibration calibration) {
        LossCurve minibatch = new LossCurve(trace);
        Signals.Rows rows = Signals.rowsOf(trace, minibatch);
        LossCurve curve = rows == Signals.Rows.AVERAGED ? new LossCurve(trace, 1) : minibatch;
        return new Evidence(trace, curve, new LossFeatures(curve), Signals.of(trace, curve, given, rows),
                new LayerEvidence(trace), calibration);
    }

    Evidence with(Calibration other) {
        return other == calibration ? this : new Evidence(trace, curve, loss, signals, layers, other);
    }

    ChanceLevel chance() {
        return signals.chance;
    }

    /** The lowest the run got: the best level of its averaged training loss, or its best validation loss. */
    double best() {
        double train = signals.rows == Signals.Rows.MINIBATCH ? signals.training.min() : curve.best();
        double val = signals.validation.size() > 0 ? signals.validation.min() : Double.POSITIVE_INFINITY;
        return Math.min(train, val);
    }

    /** Where the run ended: the median of the last fifth of its averaged training loss. */
    double end() {
        return signals.rows == Signals.Rows.MINIBATCH ? signals.training.tail(Thresholds.TAIL_FRACTION) : curve.tail();
    }

    /**
     * The run got clearly below its chance level at some point (false when chance is unknown): its averaged or
     * validation loss by the calibrated margin; or the raw loss's running median by twice that (a dip too short
     * for an epoch mean, with room for a lucky streak of minibatches); or a validation accuracy well above 1/K, an
     * R^2 well above 0.
     */
    boolean learnt() {
        if (!chance().known()) {
            return false;
        }
        double c = chance().loss();
        double margin = calibration.learntLog();
        if (Math.log(c / best()) >= margin || Math.log(c / signals.rawBest) >= 2 * margin) {
            return true;
        }
        int k = chance().classes();
        return k >= 2 && signals.bestAccuracy >= 1.0 / k + Thresholds.LEARNT_ACCURACY_ABOVE_GUESS
                || signals.bestR2 >= Thresholds.LEARNT_R2;
    }

    /** The run ended at its chance level or above, within what its noise allows (false when chance is unknown). */
    boolean endsAtChance() {
        return chance().known() && Math.log(chance().loss() / end()) <= calibration.chanceLog();
    }

    /** The floor under averaged swings, in the loss's units. */
    double swingFloor() {
        return calibration.swingFloor() * signals.scale;
    }

    /**
     * Swings of the averaged training loss. When the rows are minibatches and a validation loss is there to witness,
     * a swing of the epoch means must also stand out from the noise they carry (a smooth validation loss is the best
     * witness that single-batch spikes are noise); with no validation loss, swings are judged on the averages
     * without each epoch's highest batches, which single-batch spikes cannot move. Rows that already average and move
     * smoothly (full-batch descent) are judged as a zig-zag, leg by leg.
     */
    Swings trainingSwings() {
        if (signals.rows == Signals.Rows.MINIBATCH && !validationWitnesses()) {
            return Swings.of(signals.trainingWithoutSpikes, swingFloor(), calibration.epochSwingSize(), 0);
        }
        if (signals.rows != Signals.Rows.MINIBATCH && loss().diffAutocorrelation > 0) {
            // rows that already average and move smoothly (successive changes correlate positively; noise gives
            // -0.5): a deterministic curve, whose swings rise and fall over several rows
            return Swings.zigzag(signals.training, swingFloor(), calibration.epochSwingSize(), rateAt());
        }
        return Swings.of(signals.training, swingFloor(), calibration.epochSwingSize(),
                signals.rows == Signals.Rows.MINIBATCH ? calibration.swingNoiseUnits() : 0);
    }

    /**
     * The learning rate the trace logs at a step (that of its last row with a rate at or before the step), or NaN
     * where it logs none.
     */
    java.util.function.LongToDoubleFunction rateAt() {
        java.util.Optional<Trace.Column> lr = trace.column(Trace.LR);
        if (lr.isEmpty()) {
            return step -> Double.NaN;
        }
        // each row's rate, carried forward over rows that log none
        double[] carried = new double[trace.size()];
        double last = Double.NaN;
        for (int r = 0; r < carried.length; r++) {
            if (lr.get().has(r) && Double.isFinite(lr.get().get(r))) {
                last = lr.get().get(r);
            }
            carried[r] = last;
        }
        long[] steps = trace.steps();
        return step -> {
            int i = java.util.Arrays.binarySearch(steps, step);
            int row = i >= 0 ? i : -i - 2;
            return row >= 0 ? carried[row] : Double.NaN;
        };
    }

    /**
     * How many times rows that already average (epoch means, full-batch losses) rose to
     * {@link Thresholds#BLOW_UP_OF_START} times their lowest since the last such trip and fell back by as much: a
     * loss jumping between 2 and 50 epoch after epoch. 0 for minibatch rows, whose single batches spike as noise.
     */
    int roundTrips() {
        if (signals.rows != Signals.Rows.AVERAGED) {
            return 0;
        }
        double[] v = signals.training.value();
        double factor = Thresholds.BLOW_UP_OF_START;
        int trips = 0;
        double low = Double.POSITIVE_INFINITY;
        double peak = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(peak)) {
                low = Math.min(low, x);
                if (x >= factor * low) {
                    peak = x;
                }
            } else {
                peak = Math.max(peak, x);
                if (x * factor <= peak) {
                    trips++;
                    peak = Double.NaN;
                    low = x;
                }
            }
        }
        return trips;
    }

    /** Whether the validation loss has enough passes to witness the training signal's swings (and to be judged). */
    boolean validationWitnesses() {
        return signals.validation.size() >= Thresholds.MIN_POINTS_FOR_SWINGS;
    }

    Swings validationSwings() {
        return Swings.of(signals.validation, swingFloor(), calibration.swingSize(), calibration.swingNoiseUnits(),
                validationGrain(), Thresholds.VALIDATION_GRAIN_UNLESS_LOG);
    }

    /**
     * What a few examples of the validation set can move its mean loss by: {@link Calibration#validationTurnNats}
     * spread over the set's examples, where their number is known (the trace says it, or its accuracy's lattice k/n
     * shows it) and the loss is not a squared error; 0 otherwise.
     */
    double validationGrain() {
        java.util.OptionalInt n = MetricColumn.validationExamples(trace);
        boolean squaredError = MetricColumn.lossNamed(trace, "mse", "squared");
        return n.isPresent() && !squaredError ? calibration.validationTurnNats() / n.getAsInt() : 0;
    }
}
