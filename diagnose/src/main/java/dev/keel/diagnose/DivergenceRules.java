package dev.keel.diagnose;

import java.util.Optional;

/** Diverging: the loss blows up or becomes non-finite, and training is lost (DESIGN.md, Verdicts). */
final class DivergenceRules {
    private DivergenceRules() {
    }

    static Optional<Primary> check(LossCurve c, LossFeatures f, LayerEvidence layers) {
        if (c.firstNonFiniteStep != null) {
            return Optional.of(new Primary(Verdict.DIVERGING, c.endsNonFinite ? 1.0 : 0.9, c.firstNonFiniteStep,
                    new Finding("non_finite_loss", null, c.firstNonFiniteStep, Double.NaN, Double.NaN,
                            "the loss became non-finite (NaN or infinite) at step " + c.firstNonFiniteStep
                                    + (c.endsNonFinite ? " and stayed so" : ""))));
        }
        Optional<LayerEvidence.LayerValue> badNorm = layers.firstNonFiniteNorm();
        if (badNorm.isPresent()) {
            LayerEvidence.LayerValue v = badNorm.get();
            return Optional.of(new Primary(Verdict.DIVERGING, 0.95, v.step(),
                    new Finding("non_finite_gradient", v.layer(), v.step(), v.value(), Double.NaN,
                            "a gradient or parameter norm" + (v.layer() == null ? "" : " of layer " + v.layer())
                                    + " became " + DiagnosisText.number(v.value()) + " at step " + v.step())));
        }
        BlowUpDetector blowUp = new BlowUpDetector();
        for (int i = 0; i < c.raw.length; i++) {
            if (blowUp.offer(c.raw[i])) {
                double ratio = blowUp.lastRatio();
                return Optional.of(new Primary(Verdict.DIVERGING,
                        Primary.confidence(0.8, Math.log(ratio / Thresholds.BLOW_UP_OF_START) / Math.log(4)), c.step[i],
                        new Finding("loss_blow_up", null, c.step[i], ratio, Thresholds.BLOW_UP_OF_START,
                                "the loss rose to " + DiagnosisText.times(ratio) + " its starting value (median of "
                                        + Thresholds.SMOOTHING_WINDOW + " steps) at step " + c.step[i]
                                        + "; at " + DiagnosisText.times(Thresholds.BLOW_UP_OF_START)
                                        + " or more the run is lost")));
            }
        }
        if (f.lostSince != null && f.tailOverBest >= Thresholds.LOST_OF_BEST
                && f.lostShare >= Thresholds.LOST_SHARE_OF_PROGRESS) {
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.7, Math.log(f.tailOverBest / Thresholds.LOST_OF_BEST) / Math.log(10)),
                    f.lostSince,
                    new Finding("lost_progress", null, f.lostSince, f.tailOverBest, Thresholds.LOST_OF_BEST,
                            "from step " + f.lostSince + " the loss jumped to " + DiagnosisText.times(f.tailOverBest)
                                    + " its best level and never came back, giving up "
                                    + DiagnosisText.percent(Math.min(f.lostShare, 9.99))
                                    + " of the progress it had made")));
        }
        Optional<LayerEvidence.LayerValue> growth = layers.paramNormGrowth(Thresholds.PARAM_NORM_GROWTH);
        if (growth.isPresent() && growth.get().value() >= Thresholds.PARAM_NORM_GROWTH) {
            LayerEvidence.LayerValue g = growth.get();
            return Optional.of(new Primary(Verdict.DIVERGING, 0.85, g.step(),
                    new Finding("param_norm_growth", null, g.step(), g.value(), Thresholds.PARAM_NORM_GROWTH,
                            "the parameter norm grew " + DiagnosisText.times(g.value())
                                    + " over the run: the weights are running away")));
        }
        return Optional.empty();
    }
}
