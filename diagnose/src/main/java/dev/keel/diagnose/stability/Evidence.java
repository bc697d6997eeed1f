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
        LossCurve curve = new LossCurve(trace);
        return new Evidence(trace, curve, new LossFeatures(curve), Signals.of(trace, curve, given),
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

    /** The run got clearly below its chance level at some point (false when chance is unknown). */
    boolean learnt() {
        return chance().known() && Math.log(chance().loss() / best()) >= calibration.learntLog();
    }

    /** The run ended at its chance level or above, within what its noise allows (false when chance is unknown). */
    boolean endsAtChance() {
        return chance().known() && Math.log(chance().loss() / end()) <= calibration.chanceLog();
    }

    /** The floor under averaged swings, in the loss's units. */
    double swingFloor() {
        return calibration.swingFloor() * signals.scale;
    }

    Swings trainingSwings() {
        return Swings.of(signals.training, swingFloor(), calibration.swingSize(), calibration.swingNoiseUnits());
    }

    Swings validationSwings() {
        return Swings.of(signals.validation, swingFloor(), calibration.swingSize(), calibration.swingNoiseUnits());
    }
}
