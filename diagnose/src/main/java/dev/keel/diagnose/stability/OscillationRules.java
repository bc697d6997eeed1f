package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import java.util.Optional;

/**
 * Oscillating: large swings that do not settle, beyond minibatch noise, judged on the second half of the run
 * so that the first fast descent is not counted as a swing.
 */
final class OscillationRules {
    private OscillationRules() {
    }

    static Optional<Primary> check(LossFeatures f) {
        if (f.judgedRows < Thresholds.MIN_ROWS_FOR_OSCILLATION) {
            return Optional.empty();
        }
        if (f.diffAutocorrelation <= Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION
                && f.typicalChange >= Thresholds.FLIP_FLOP_MIN_SWING) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION - f.diffAutocorrelation) / 0.2),
                    f.judgedFromStep,
                    new Finding("flip_flop", null, f.judgedFromStep, f.diffAutocorrelation,
                            Thresholds.FLIP_FLOP_DIFF_AUTOCORRELATION,
                            "from step " + f.judgedFromStep + " the loss goes up and down on alternate steps"
                                    + " (autocorrelation of successive changes " + DiagnosisText.number(f.diffAutocorrelation)
                                    + "; noise alone gives about -0.5), by about "
                                    + DiagnosisText.percent(Math.exp(f.typicalChange) - 1) + " a step")));
        }
        if (f.flatness <= Thresholds.RHYTHM_FLATNESS && f.swingSpread >= Thresholds.RHYTHM_MIN_SPREAD) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (Thresholds.RHYTHM_FLATNESS - f.flatness) / Thresholds.RHYTHM_FLATNESS),
                    f.judgedFromStep,
                    new Finding("rhythmic_swings", null, f.judgedFromStep, f.flatness, Thresholds.RHYTHM_FLATNESS,
                            "from step " + f.judgedFromStep + " the loss rises and falls with a rhythm (spectral"
                                    + " flatness " + DiagnosisText.number(f.flatness) + "; noise gives about 0.56),"
                                    + " swinging " + DiagnosisText.times(Math.exp(f.swingSpread)) + " around its trend")));
        }
        if (f.spikes >= Thresholds.RECURRING_SPIKES) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (f.spikes - Thresholds.RECURRING_SPIKES) / 5.0), f.firstSpikeStep,
                    new Finding("recurring_spikes", null, f.firstSpikeStep, f.spikes, Thresholds.RECURRING_SPIKES,
                            "in the second half of the run the loss spiked to 3× its local level or more, far beyond"
                                    + " its step-to-step noise, " + f.spikes + " separate times, from step " + f.firstSpikeStep)));
        }
        if (f.swingSpread >= Thresholds.SWING_SPREAD) {
            return Optional.of(new Primary(Verdict.OSCILLATING,
                    Primary.confidence(0.6, (f.swingSpread - Thresholds.SWING_SPREAD) / Thresholds.SWING_SPREAD),
                    f.judgedFromStep,
                    new Finding("large_swings", null, f.judgedFromStep, f.swingSpread, Thresholds.SWING_SPREAD,
                            "from step " + f.judgedFromStep + " the loss swings between levels "
                                    + DiagnosisText.times(Math.exp(f.swingSpread))
                                    + " apart around its trend (high and low tenths), far beyond minibatch noise")));
        }
        return Optional.empty();
    }
}
