package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Diverging: the loss blows up or becomes non-finite, and training is lost (DESIGN.md, Verdicts). */
final class DivergenceRules {
    private DivergenceRules() {
    }

    /**
     * Every divergence rule that fires; the primary is the one seen first (earliest step), with the highest
     * confidence among them, and the others follow as further evidence.
     */
    static Optional<Primary> check(LossCurve c, LossFeatures f, LayerEvidence layers) {
        List<Primary> fired = new ArrayList<>();
        nonFiniteLoss(c).ifPresent(fired::add);
        nonFiniteNorm(layers).ifPresent(fired::add);
        blowUp(c).ifPresent(fired::add);
        lostProgress(f).ifPresent(fired::add);
        paramGrowth(layers).ifPresent(fired::add);
        if (fired.isEmpty()) {
            return Optional.empty();
        }
        fired.sort(Comparator.comparing(Primary::step, Comparator.nullsLast(Comparator.naturalOrder())));
        Primary first = fired.get(0);
        double confidence = fired.stream().mapToDouble(Primary::confidence).max().orElse(first.confidence());
        List<Finding> more = fired.subList(1, fired.size()).stream().map(Primary::finding).toList();
        return Optional.of(new Primary(Verdict.DIVERGING, confidence, first.step(), first.finding(), more));
    }

    private static Optional<Primary> nonFiniteLoss(LossCurve c) {
        if (c.firstNonFiniteStep != null) {
            return Optional.of(new Primary(Verdict.DIVERGING, c.endsNonFinite ? 1.0 : 0.9, c.firstNonFiniteStep,
                    new Finding("non_finite_loss", null, c.firstNonFiniteStep, Double.NaN, Double.NaN,
                            "the loss became non-finite (NaN or infinite) at step " + c.firstNonFiniteStep
                                    + (c.endsNonFinite ? " and stayed so" : ""))));
        }
        return Optional.empty();
    }

    private static Optional<Primary> nonFiniteNorm(LayerEvidence layers) {
        Optional<LayerEvidence.LayerValue> badNorm = layers.firstNonFiniteNorm();
        if (badNorm.isPresent()) {
            LayerEvidence.LayerValue v = badNorm.get();
            return Optional.of(new Primary(Verdict.DIVERGING, 0.95, v.step(),
                    new Finding("non_finite_gradient", v.layer(), v.step(), v.value(), Double.NaN,
                            "a gradient or parameter norm" + (v.layer() == null ? "" : " of layer " + v.layer())
                                    + " became " + DiagnosisText.number(v.value()) + " at step " + v.step())));
        }
        return Optional.empty();
    }

    private static Optional<Primary> blowUp(LossCurve c) {
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
        return Optional.empty();
    }

    private static Optional<Primary> lostProgress(LossFeatures f) {
        boolean gaveBack = f.lostShare >= Thresholds.LOST_SHARE_OF_PROGRESS;
        String gaveUp = " giving up " + DiagnosisText.progressGivenUp(f.lostShare);
        if (gaveBack && f.lostSince != null && f.tailOverBest >= Thresholds.LOST_OF_BEST) {
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.7, Math.log(f.tailOverBest / Thresholds.LOST_OF_BEST) / Math.log(10)),
                    f.lostSince,
                    new Finding("lost_progress", null, f.lostSince, f.tailOverBest, Thresholds.LOST_OF_BEST,
                            "from step " + f.lostSince + " the loss jumped to " + DiagnosisText.times(f.tailOverBest)
                                    + " its best level and never came back," + gaveUp)));
        }
        if (gaveBack && f.backSince != null && f.learntFromUntrained >= Thresholds.STALL_LOG_IMPROVEMENT
                && f.tailFlatness <= Thresholds.DEAD_LOSS_FLATNESS) {
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.7, 1 - f.tailFlatness / Thresholds.DEAD_LOSS_FLATNESS),
                    f.backSince,
                    new Finding("lost_progress", null, f.backSince, f.tailFlatness, Thresholds.DEAD_LOSS_FLATNESS,
                            "the run had learnt, then from step " + f.backSince + " the loss went back up to "
                                    + DiagnosisText.times(f.tailOverBest) + " its best level and went flat (its"
                                    + " step-to-step changes shrank to " + DiagnosisText.percent(f.tailFlatness)
                                    + " of what they were): a dead network," + gaveUp)));
        }
        if (f.lostSince != null && f.climbingEndOverBest >= Thresholds.LOST_OF_BEST
                && f.climbingEndLostShare >= Thresholds.LOST_SHARE_OF_PROGRESS) {
            // The same thresholds on where the log ended rather than on the tail's median, which lags a loss that is
            // still rising when the log stops (a run cut off while it blows up).
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.6, Math.log(f.climbingEndOverBest / Thresholds.LOST_OF_BEST) / Math.log(10)),
                    f.lostSince,
                    new Finding("lost_progress", null, f.lostSince, f.climbingEndOverBest, Thresholds.LOST_OF_BEST,
                            "from step " + f.lostSince + " the loss climbed to " + DiagnosisText.times(f.climbingEndOverBest)
                                    + " its best level and was still rising when the log ended, giving up "
                                    + DiagnosisText.progressGivenUp(f.climbingEndLostShare))));
        }
        return Optional.empty();
    }

    private static Optional<Primary> paramGrowth(LayerEvidence layers) {
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
