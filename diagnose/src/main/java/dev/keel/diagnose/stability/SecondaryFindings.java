package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings reported beside the verdict (docs/DESIGN.md): exploding gradients, dead units, saturation, plateau,
 * overfitting, update:parameter ratio out of range, vanishing gradients in a run that still learns.
 */
final class SecondaryFindings {
    private SecondaryFindings() {
    }

    static List<Finding> of(Evidence e, Verdict verdict, Rule primaryRule) {
        Trace trace = e.trace();
        LossFeatures f = e.loss();
        LayerEvidence layers = e.layers();
        List<Finding> out = new ArrayList<>();
        layers.gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING).ifPresent(r -> {
            if (r.value() > Thresholds.GRADIENT_RATIO_EXPLODING) {
                out.add(new Finding(Rule.EXPLODING_GRADIENTS, r.layer(), null, r.value(), Thresholds.GRADIENT_RATIO_EXPLODING,
                        "the first layer's gradient is " + DiagnosisText.times(r.value()) + " the last layer's"));
            } else if (r.value() < Thresholds.GRADIENT_RATIO_VANISHING && primaryRule != Rule.VANISHING_GRADIENT) {
                out.add(new Finding(Rule.VANISHING_GRADIENT, r.layer(), r.step(), r.value(),
                        Thresholds.GRADIENT_RATIO_VANISHING, "the gradient reaching the first layer is "
                        + DiagnosisText.times(r.value()) + " the last layer's: the early layers barely learn"));
            }
        });
        layers.gradientNormGrowth(Thresholds.GRADIENT_NORM_GROWTH).ifPresent(g -> {
            if (g.value() >= Thresholds.GRADIENT_NORM_GROWTH) {
                out.add(new Finding(Rule.EXPLODING_GRADIENTS, null, g.step(), g.value(), Thresholds.GRADIENT_NORM_GROWTH,
                        "the gradient norm grew to " + DiagnosisText.times(g.value()) + " its early level"));
            }
        });
        boolean oversizedSteps = layers.updateRatios().stream().anyMatch(u -> u.value() > Thresholds.UPDATE_RATIO_HIGH);
        hiddenLayer(layers, Trace.DEAD_FRACTION, Thresholds.DEAD_FRACTION, Rule.DEAD_UNITS, primaryRule, out,
                " of the units of %s output zero on every example of a batch at the end of the run" + (oversizedSteps
                        ? ": that layer has lost most of its capacity, and updates this large (see update_ratio_high)"
                        + " are the usual way ReLUs die" : ": that layer has lost most of its capacity"));
        hiddenLayer(layers, Trace.SATURATED_FRACTION, Thresholds.SATURATED_FRACTION, Rule.SATURATED_UNITS, primaryRule,
                out, " of the activations of %s are saturated (|x| > 5) at the end of the run");
        if (e.curve().forgivenAtStart > 0) {
            out.add(new Finding(Rule.NON_FINITE_START, null, f.curve.step[0], e.curve().forgivenAtStart,
                    Thresholds.NON_FINITE_START_ROWS, "the first " + (e.curve().forgivenAtStart == 1 ? "loss was"
                    : e.curve().forgivenAtStart + " losses were") + " not finite, and every later one was: the start's"
                    + " (a huge initialisation, a mixed-precision scaler), left out of the judgement"));
        }
        if (verdict == Verdict.STABLE && !e.chance().known() && VanishingRules.stalled(f)) {
            String within = "the loss stayed within " + DiagnosisText.percent(1 - Math.exp(-f.bestImprovement))
                    + " of its start";
            String why = layers.hasGradients()
                    ? " while the gradients reached every layer: nothing is broken, but the run is on a plateau or"
                    + " converging very slowly" + (layers.updateRatios().stream()
                    .anyMatch(u -> u.value() < Thresholds.UPDATE_RATIO_LOW)
                    ? " (its steps are tiny against its weights: the learning rate is likely too small)" : "")
                    : " but kept declining or fell at once: a slow run, or one that began far below its chance level"
                    + " (a pretrained model being fine-tuned); --classes or --chance-loss would tell them apart";
            out.add(new Finding(Rule.PLATEAU, null, f.curve.step[0], Math.exp(f.bestImprovement),
                    Math.exp(Thresholds.STALL_LOG_IMPROVEMENT), within + why));
        }
        if ((primaryRule == null || primaryRule.decides() != Verdict.DIVERGING) && f.lostShare >= Thresholds.GAVE_BACK_SHARE
                && f.tailOverBest >= Thresholds.GAVE_BACK_OF_BEST) {
            out.add(new Finding(Rule.GAVE_BACK_PROGRESS, null, null, f.lostShare, Thresholds.GAVE_BACK_SHARE,
                    "the loss ended " + DiagnosisText.times(f.tailOverBest) + " above its best level, giving back "
                            + DiagnosisText.progressGivenUp(f.lostShare)));
        }
        overfitting(trace, f).ifPresent(out::add);
        List<LayerEvidence.LayerValue> low = new ArrayList<>();
        List<LayerEvidence.LayerValue> high = new ArrayList<>();
        for (LayerEvidence.LayerValue u : layers.updateRatios()) {
            if (u.value() < Thresholds.UPDATE_RATIO_LOW) {
                low.add(u);
            } else if (u.value() > Thresholds.UPDATE_RATIO_HIGH) {
                high.add(u);
            }
        }
        updateRatios(out, low, Rule.UPDATE_RATIO_LOW, Thresholds.UPDATE_RATIO_LOW, "it learns slowly",
                "they learn slowly");
        updateRatios(out, high, Rule.UPDATE_RATIO_HIGH, Thresholds.UPDATE_RATIO_HIGH,
                "steps this large risk instability", "steps this large risk instability");
        return out;
    }

    /** One finding a layer for up to three layers; past that one finding for all of them, so that a deep stack's
     *  twenty layers do not bury the verdict's own evidence. */
    private static void updateRatios(List<Finding> out, List<LayerEvidence.LayerValue> layers, Rule rule,
                                     double threshold, String one, String many) {
        if (layers.size() <= 3) {
            for (LayerEvidence.LayerValue u : layers) {
                out.add(new Finding(rule, u.layer(), null, u.value(), threshold, "updates of " + u.layer() + " are "
                        + DiagnosisText.number(u.value()) + " of its weights (guideline about 1e-3): " + one));
            }
            return;
        }
        double lo = layers.stream().mapToDouble(LayerEvidence.LayerValue::value).min().orElse(Double.NaN);
        double hi = layers.stream().mapToDouble(LayerEvidence.LayerValue::value).max().orElse(Double.NaN);
        LayerEvidence.LayerValue first = layers.get(0);
        out.add(new Finding(rule, first.layer(), null, rule == Rule.UPDATE_RATIO_LOW ? lo : hi, threshold,
                "updates of " + layers.size() + " layers (" + first.layer() + " to " + layers.get(layers.size() - 1).layer()
                        + ") are " + DiagnosisText.number(lo) + " to " + DiagnosisText.number(hi)
                        + " of their weights (guideline about 1e-3): " + many));
    }

    private static void hiddenLayer(LayerEvidence layers, String kind, double threshold, Rule rule,
                                    Rule primaryRule, List<Finding> out, String text) {
        if (rule == primaryRule) {
            return;
        }
        Optional<LayerEvidence.LayerValue> worst = layers.worstHiddenLayer(kind);
        if (worst.isPresent() && worst.get().value() >= threshold) {
            LayerEvidence.LayerValue w = worst.get();
            out.add(new Finding(rule, w.layer(), w.step(), w.value(), threshold,
                    DiagnosisText.percent(w.value()) + String.format(text, w.layer())));
        }
    }

    /** Validation loss ended well above its minimum, after several evaluations, while training loss fell: it is
     *  lower at the end than when validation was best (a run whose training loss rose too gave back progress,
     *  which is not overfitting). */
    private static Optional<Finding> overfitting(Trace trace, LossFeatures f) {
        Optional<Trace.Column> val = trace.column(Trace.VAL_LOSS);
        if (val.isEmpty()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        for (int r = 0; r < trace.size(); r++) {
            if (val.get().has(r) && Double.isFinite(val.get().get(r)) && val.get().get(r) > 0) {
                values.add(val.get().get(r));
                steps.add(trace.steps()[r]);
            }
        }
        if (values.size() < Thresholds.OVERFIT_MIN_EVALS_AFTER_BEST + 2) {
            return Optional.empty();
        }
        int bestAt = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(bestAt)) {
                bestAt = i;
            }
        }
        int after = values.size() - 1 - bestAt;
        double rise = Math.log(values.get(values.size() - 1) / values.get(bestAt));
        if (after >= Thresholds.OVERFIT_MIN_EVALS_AFTER_BEST && rise >= Thresholds.OVERFIT_LOG_RISE
                && f.secondHalfImprovement > 0 && f.tail <= f.levelAt(steps.get(bestAt))) {
            return Optional.of(new Finding(Rule.OVERFITTING, null, steps.get(bestAt), Math.exp(rise),
                    Math.exp(Thresholds.OVERFIT_LOG_RISE), "validation loss was lowest at step " + steps.get(bestAt)
                    + " and ended " + DiagnosisText.percent(Math.exp(rise) - 1)
                    + " higher while the training loss kept falling: overfitting"));
        }
        return Optional.empty();
    }
}
