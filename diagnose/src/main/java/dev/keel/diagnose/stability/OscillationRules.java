package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;

import java.util.Optional;

/**
 * Oscillating: the optimisation itself swings and does not settle. Judged on signals that average minibatch
 * noise out (validation passes, epoch means, rows that already average), in units of the noise they carry; on
 * single-minibatch rows only when nothing averaged is there to witness, and then only by rules whose thresholds
 * are set against the rows' own noise. A calm witness is the best evidence that minibatch spikes are noise.
 */
final class OscillationRules {
    private OscillationRules() {
    }

    static Optional<Primary> check(Evidence e) {
        LossFeatures f = e.loss();
        boolean enoughRows = f.judgedRows >= Thresholds.MIN_ROWS_FOR_OSCILLATION;
        // Period-2 flips are measured against the rows' own noise (independent noise correlates -0.5), so they count
        // whatever a row is.
        Optional<Primary> flips = enoughRows ? flipFlop(f) : Optional.empty();
        if (flips.isPresent()) {
            return flips;
        }
        if (e.signals().rows == Signals.Rows.AVERAGED) {
            // Rows without minibatch noise: the shape of the rows themselves is the evidence.
            Optional<Primary> shape = enoughRows ? rowShape(f) : Optional.empty();
            return shape.or(() -> averagedSwings(e)).or(() -> oversizedSteps(e));
        }
        Optional<Primary> averaged = averagedSwings(e).or(() -> oversizedSteps(e));
        if (averaged.isPresent() || !enoughRows) {
            return averaged;
        }
        // Minibatch rows: a calm averaged signal is the witness that their spikes are noise.
        boolean witnessed = e.signals().validation.size() >= Thresholds.MIN_POINTS_FOR_SWINGS
                || e.signals().training.size() >= Thresholds.MIN_POINTS_FOR_SWINGS;
        return witnessed ? Optional.empty() : rowShape(f);
    }

    private static Optional<Primary> flipFlop(LossFeatures f) {
        if (f.diffAutocorrelation <= Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION
                && f.typicalChange >= Thresholds.FLIP_FLOP_MIN_SWING) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION - f.diffAutocorrelation) / 0.2),
                    f.judgedFromStep,
                    new Finding(Rule.FLIP_FLOP, null, f.judgedFromStep, f.diffAutocorrelation,
                            Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION,
                            "from step " + f.judgedFromStep + " the loss goes up and down on alternate steps"
                                    + " (autocorrelation of successive changes " + DiagnosisText.number(f.diffAutocorrelation)
                                    + "; noise alone gives about -0.5), by about "
                                    + DiagnosisText.percent(Math.exp(f.typicalChange) - 1) + " a step")));
        }
        return Optional.empty();
    }

    /** A rhythm, recurring spikes or large swings of the rows themselves (second half). */
    private static Optional<Primary> rowShape(LossFeatures f) {
        if (f.flatness <= Thresholds.RHYTHM_FLATNESS && f.swingSpread >= Thresholds.RHYTHM_MIN_SPREAD) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (Thresholds.RHYTHM_FLATNESS - f.flatness) / Thresholds.RHYTHM_FLATNESS),
                    f.judgedFromStep,
                    new Finding(Rule.RHYTHMIC_SWINGS, null, f.judgedFromStep, f.flatness, Thresholds.RHYTHM_FLATNESS,
                            "from step " + f.judgedFromStep + " the loss rises and falls with a rhythm (spectral"
                                    + " flatness " + DiagnosisText.number(f.flatness) + "; noise gives about 0.56),"
                                    + " swinging " + DiagnosisText.times(Math.exp(f.swingSpread)) + " around its trend")));
        }
        if (f.spikes >= Thresholds.RECURRING_SPIKES) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (f.spikes - Thresholds.RECURRING_SPIKES) / 5.0), f.firstSpikeStep,
                    new Finding(Rule.RECURRING_SPIKES, null, f.firstSpikeStep, f.spikes, Thresholds.RECURRING_SPIKES,
                            "in the second half of the run the loss spiked to 3× its local level or more, far beyond"
                                    + " its step-to-step noise, " + f.spikes + " separate times, from step " + f.firstSpikeStep)));
        }
        if (f.swingSpread >= Thresholds.SWING_SPREAD) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (f.swingSpread - Thresholds.SWING_SPREAD) / Thresholds.SWING_SPREAD),
                    f.judgedFromStep,
                    new Finding(Rule.LARGE_SWINGS, null, f.judgedFromStep, f.swingSpread, Thresholds.SWING_SPREAD,
                            "from step " + f.judgedFromStep + " the loss swings between levels "
                                    + DiagnosisText.times(Math.exp(f.swingSpread))
                                    + " apart around its trend (high and low tenths), far beyond minibatch noise")));
        }
        return Optional.empty();
    }

    /**
     * Reversals of the validation loss or of the averaged training loss: up then down (or down then up) by more than
     * the calibrated size, beyond the noise each averaged value carries, again and again in the judged part.
     */
    private static Optional<Primary> averagedSwings(Evidence e) {
        Calibration cal = e.calibration();
        Swings val = e.validationWitnesses() ? e.validationSwings() : Swings.NONE;
        Swings train = e.signals().training.size() >= Thresholds.MIN_POINTS_FOR_SWINGS ? e.trainingSwings() : Swings.NONE;
        boolean valSwings = val.big() >= cal.swingCount() && val.big() >= cal.swingShare() * val.judged();
        boolean trainSwings = train.big() >= cal.swingCount() && train.big() >= cal.swingShare() * train.judged();
        if (!valSwings && !trainSwings) {
            return Optional.empty();
        }
        boolean useVal = valSwings && (!trainSwings || val.big() >= train.big());
        Swings s = useVal ? val : train;
        Series series = useVal ? e.signals().validation : e.signals().training;
        Rule rule = useVal ? Rule.VALIDATION_SWINGS : Rule.EPOCH_SWINGS;
        double size = useVal ? cal.swingSize() : cal.epochSwingSize();
        double margin = (s.big() - cal.swingCount()) / 4.0 + (s.largest() - size) / Math.log(4);
        boolean minibatchAverages = !useVal && e.signals().rows == Signals.Rows.MINIBATCH;
        boolean unwitnessed = minibatchAverages && !e.validationWitnesses();
        double confidence = Primary.confidence(0.65, margin);
        if (unwitnessed) {
            // turns of minibatch averages that nothing witnesses are not tested against their noise (pure noise on a
            // few noisy batches an epoch turns too: NoiseFalseAlarmProbe), so they never claim more than this
            confidence = Math.min(confidence, Thresholds.UNWITNESSED_SWINGS_CONFIDENCE);
        }
        return Optional.of(new Primary(Verdict.OSCILLATING, confidence, s.firstStep(),
                new Finding(rule, null, s.firstStep(), s.big(), cal.swingCount(),
                        "the " + series.what() + " turned up and down by at least "
                                + DiagnosisText.percent(Math.exp(size) - 1) + " " + s.big()
                                + " times in the last two thirds of the run (the largest turn "
                                + DiagnosisText.times(Math.exp(s.largest())) + "), from step " + s.firstStep()
                                + (unwitnessed ? " (averages without their highest fifth of batches; no validation"
                                + " loss witnesses whether that is noise)"
                                : minibatchAverages ? ", far beyond the noise of its minibatches" : "")
                                + ": the optimisation swings instead of settling")));
    }

    /**
     * A rate too large to settle, by the run's own evidence: over the second half the loss bounces in a band far
     * above the best it had reached, and either its updates are far above the weights' own scale or most units of a
     * hidden layer died after the early fall (Adam at 0.1 falls once, then bounces with most ReLUs dead).
     */
    private static Optional<Primary> oversizedSteps(Evidence e) {
        Calibration cal = e.calibration();
        Series s = e.signals().training;
        if (s.size() < Thresholds.MIN_POINTS_FOR_SWINGS) {
            return Optional.empty();
        }
        Optional<LayerEvidence.LayerValue> update = e.layers().updateRatios().stream()
                .max(java.util.Comparator.comparingDouble(LayerEvidence.LayerValue::value))
                .filter(u -> u.value() >= cal.oversizedUpdate());
        Optional<LayerEvidence.LayerValue> dead = e.layers().worstHiddenLayer(dev.keel.diagnose.trace.Trace.DEAD_FRACTION)
                .filter(d -> d.value() >= Thresholds.DEAD_FRACTION);
        if (update.isEmpty() && dead.isEmpty()) {
            return Optional.empty();
        }
        double secondHalf = RobustStats.median(s.value(), s.size() / 2, s.size());
        double best = e.signals().rows == Signals.Rows.MINIBATCH ? s.min() : e.curve().best();
        double above = Math.log((secondHalf + e.swingFloor()) / (best + e.swingFloor()));
        if (above < cal.bandOverBestLog()) {
            return Optional.empty();
        }
        String why = update.map(u -> "updates of " + u.layer() + " are " + DiagnosisText.number(u.value())
                + " of its weights (guideline about 1e-3)").orElseGet(() -> DiagnosisText.percent(dead.get().value())
                + " of the units of " + dead.get().layer() + " died after the early fall");
        LayerEvidence.LayerValue evidence = update.orElseGet(dead::get);
        return Optional.of(new Primary(Verdict.OSCILLATING, Primary.confidence(0.6, (above - cal.bandOverBestLog())),
                s.step()[s.size() / 2],
                new Finding(Rule.OVERSIZED_STEPS, evidence.layer(), null, evidence.value(),
                        update.isPresent() ? cal.oversizedUpdate() : Thresholds.DEAD_FRACTION,
                        why + ", and over the second half the loss bounced at " + DiagnosisText.times(Math.exp(above))
                                + " the best level it had reached: the rate is too large for the loss to settle")));
    }
}
