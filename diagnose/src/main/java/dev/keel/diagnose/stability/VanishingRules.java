package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;

import java.util.Optional;

/**
 * Vanishing: learning has stalled because gradients do not reach the early layers. The loss must have stalled
 * (never got far below its start); per-layer columns then say why. Without gradient columns a stalled loss
 * is vanishing with lower confidence; with healthy gradients it is a plateau, which is stable.
 */
final class VanishingRules {
    private VanishingRules() {
    }

    static boolean stalled(LossFeatures f) {
        return f.curve.size() >= Thresholds.START_WINDOW && f.bestImprovement < Thresholds.STALL_LOG_IMPROVEMENT;
    }

    /** The loss stopped improving: its second half gained less than {@link Thresholds#SLOW_LOG_IMPROVEMENT}. */
    static boolean stoppedImproving(LossFeatures f) {
        return f.curve.size() >= Thresholds.START_WINDOW && f.secondHalfImprovement < Thresholds.SLOW_LOG_IMPROVEMENT;
    }

    static Optional<Primary> check(LossFeatures f, LayerEvidence layers) {
        Optional<LayerEvidence.LayerValue> ratio = layers.gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING);
        boolean vanishingRatio = ratio.isPresent() && ratio.get().value() < Thresholds.GRADIENT_RATIO_VANISHING;
        // With the gradient ratio as evidence, a loss that has stopped improving is enough (AUTOTRAINER): an
        // output layer that only learns the class priors from saturated logits drops the loss early, then stalls.
        if (!stalled(f) && !(vanishingRatio && stoppedImproving(f))) {
            return Optional.empty();
        }
        long from = f.curve.step[0];
        double stallMargin = 1 - f.bestImprovement / Thresholds.STALL_LOG_IMPROVEMENT;
        if (vanishingRatio) {
            LayerEvidence.LayerValue r = ratio.get();
            double decades = Math.log10(Thresholds.GRADIENT_RATIO_VANISHING / Math.max(r.value(), 1e-300));
            return Optional.of(new Primary(Verdict.VANISHING, Primary.confidence(0.75, decades / 3),
                    r.step() == null ? from : r.step(),
                    new Finding("vanishing_gradient", r.layer(), r.step(), r.value(), Thresholds.GRADIENT_RATIO_VANISHING,
                            "the gradient reaching the first layer (" + r.layer() + ") is "
                                    + DiagnosisText.times(r.value()) + " the last layer's and the loss "
                                    + (stalled(f) ? "never got a third below its start" : "stopped improving")
                                    + ": the early layers are not learning")));
        }
        if (!stalled(f)) {
            return Optional.empty();
        }
        Optional<LayerEvidence.LayerValue> dead = layers.worstHiddenLayer(Trace.DEAD_FRACTION);
        if (dead.isPresent() && dead.get().value() >= Thresholds.DEAD_FRACTION) {
            LayerEvidence.LayerValue d = dead.get();
            return Optional.of(new Primary(Verdict.VANISHING, 0.75, d.step() == null ? from : d.step(),
                    new Finding("dead_units", d.layer(), d.step(), d.value(), Thresholds.DEAD_FRACTION,
                            DiagnosisText.percent(d.value()) + " of the units of " + d.layer()
                                    + " output zero on every example and the loss stalled near its start")));
        }
        Optional<LayerEvidence.LayerValue> saturated = layers.worstHiddenLayer(Trace.SATURATED_FRACTION);
        if (saturated.isPresent() && saturated.get().value() >= Thresholds.SATURATED_FRACTION) {
            LayerEvidence.LayerValue s = saturated.get();
            return Optional.of(new Primary(Verdict.VANISHING, 0.75, s.step() == null ? from : s.step(),
                    new Finding("saturated_units", s.layer(), s.step(), s.value(), Thresholds.SATURATED_FRACTION,
                            DiagnosisText.percent(s.value()) + " of the activations of " + s.layer()
                                    + " are saturated (|x| > 5) and the loss stalled near its start")));
        }
        if (ratio.isPresent() || layers.hasGradients()) {
            return Optional.empty();
        }
        return Optional.of(new Primary(Verdict.VANISHING,
                Math.min(Thresholds.LOSS_ONLY_VANISHING_CONFIDENCE, 0.4 + 0.15 * stallMargin),
                from,
                new Finding("flat_loss", null, from, Math.exp(f.bestImprovement), Math.exp(Thresholds.STALL_LOG_IMPROVEMENT),
                        "the loss never got more than " + DiagnosisText.percent(1 - Math.exp(-f.bestImprovement))
                                + " below its starting value: nothing was learnt (no gradient columns to say why;"
                                + " a plateau with healthy gradients looks the same)")));
    }
}
