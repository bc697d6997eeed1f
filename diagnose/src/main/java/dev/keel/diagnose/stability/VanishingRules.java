package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;

import java.util.Optional;

/**
 * Vanishing: the run did not learn. It stalled at or near its chance level without a blow-up and was never clearly
 * below it. Gradients that do not reach the early layers, dead or saturated units and steps too small to move the
 * weights are the causes, given as the evidence when the per-layer columns show them. When the chance level is
 * unknown, a loss that never got a third below its start and stopped moving stands in for it.
 */
final class VanishingRules {
    private VanishingRules() {
    }

    /** The loss never got a third below its start (the stand-in for "never below chance" when chance is unknown). */
    static boolean stalled(LossFeatures f) {
        return f.curve.size() >= Thresholds.START_WINDOW && f.bestImprovement < Thresholds.STALL_LOG_IMPROVEMENT;
    }

    /** The loss stopped improving: its second half gained less than {@link Thresholds#SLOW_LOG_IMPROVEMENT}. */
    static boolean stoppedImproving(LossFeatures f) {
        return f.curve.size() >= Thresholds.START_WINDOW && f.secondHalfImprovement < Thresholds.SLOW_LOG_IMPROVEMENT;
    }

    /**
     * Did not learn: at chance and never clearly below it. With chance unknown, the evidence must be stronger: the
     * loss never got a third below its start nor its first (untrained) value, its averaged loss stopped declining
     * over the second half (within {@link Thresholds#FLAT_DECLINE} or twice its noise), and no accuracy column rose.
     * A loss that fell and keeps declining, however slowly (a pretrained model being fine-tuned, a per-epoch log
     * whose first row already holds most of the learning), learnt; one that fell a little, to its priors, and sits
     * there did not.
     */
    static boolean didNotLearn(Evidence e) {
        if (e.chance().known()) {
            return !e.learnt() && e.endsAtChance();
        }
        LossFeatures f = e.loss();
        return stalled(f) && f.learntFromUntrained < Thresholds.STALL_LOG_IMPROVEMENT
                && (flatOverSecondHalf(e) || frozenAccuracy(e.trace()).isPresent()) && !accuracyRose(e.trace());
    }

    /**
     * The validation accuracy held one value at every pass (at least {@link Thresholds#ACCURACY_AT_GUESS_POINTS}, as
     * many as an accuracy stuck at 1/K needs), and the training accuracy, where the log gives it, one value over its
     * second half: the model gave the same answers throughout (one class for every example, 418 of 880 right epoch
     * after epoch), however its loss crept. Words for the finding, or empty.
     */
    static Optional<String> frozenAccuracy(Trace trace) {
        double[] val = MetricColumn.isAccuracy(trace, Trace.VAL_METRIC) ? MetricColumn.finite(trace, Trace.VAL_METRIC)
                : new double[0];
        if (val.length < Thresholds.ACCURACY_AT_GUESS_POINTS || !oneValue(val, 0)) {
            return Optional.empty();
        }
        double[] train = MetricColumn.isAccuracy(trace, Trace.TRAIN_METRIC)
                ? MetricColumn.finite(trace, Trace.TRAIN_METRIC) : new double[0];
        if (train.length > 0 && !oneValue(train, train.length / 2)) {
            return Optional.empty();
        }
        return Optional.of("the validation accuracy stayed at " + DiagnosisText.number(val[0]) + " at all "
                + val.length + " passes" + (train.length > 0 ? " (the training accuracy at "
                + DiagnosisText.number(train[train.length - 1]) + " over the second half)" : "")
                + ": the model gave the same answers throughout");
    }

    private static boolean oneValue(double[] v, int from) {
        for (int i = from + 1; i < v.length; i++) {
            if (Math.abs(v[i] - v[from]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** The averaged loss declined over its second half by less than {@link Thresholds#FLAT_DECLINE} or twice the
     *  noise of its values. */
    static boolean flatOverSecondHalf(Evidence e) {
        Series s = e.signals().training;
        int n = s.size();
        if (n < 3) {
            return false;
        }
        int half = n / 2;
        int w = Math.max(1, n / 10);
        double mid = RobustStats.median(s.value(), Math.max(0, half - w), Math.min(n, half + w + 1));
        double end = s.tail(Thresholds.TAIL_FRACTION);
        double noise = 0;
        for (int i = half; i < n; i++) {
            noise = Double.isNaN(s.noise()[i]) ? noise : Math.max(noise, s.noise()[i]);
        }
        return Math.log(mid / end) < Math.max(Thresholds.FLAT_DECLINE, 2 * noise);
    }

    /** A validation or training accuracy that rose by {@link Thresholds#ACCURACY_RISE} or more: something was learnt. */
    static boolean accuracyRose(Trace trace) {
        for (String column : java.util.List.of(Trace.VAL_METRIC, Trace.TRAIN_METRIC)) {
            double[] v = MetricColumn.isAccuracy(trace, column) ? MetricColumn.finite(trace, column) : new double[0];
            if (v.length == 0) {
                continue;
            }
            double max = MetricColumn.best(trace, column);
            double scale = max > 1 ? 100 : 1;
            if (max - v[0] >= Thresholds.ACCURACY_RISE * scale) {
                return true;
            }
        }
        return false;
    }

    static Optional<Primary> check(Evidence e) {
        LossFeatures f = e.loss();
        LayerEvidence layers = e.layers();
        Optional<LayerEvidence.LayerValue> ratio = layers.gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING);
        boolean vanishingRatio = ratio.isPresent() && ratio.get().value() < Thresholds.GRADIENT_RATIO_VANISHING;
        boolean didNotLearn = didNotLearn(e);
        // Without a chance level, the gradient ratio with a loss that stopped improving is enough (AUTOTRAINER): an
        // output layer that only learns the class priors from saturated logits drops the loss early, then stalls.
        boolean ratioAlone = !e.chance().known() && vanishingRatio && stoppedImproving(f);
        if (!didNotLearn && !ratioAlone) {
            return Optional.empty();
        }
        long from = f.curve.step[0];
        String stall = stallWords(e);
        double base = e.chance().known() ? 0.8 : 0.7;
        if (vanishingRatio) {
            LayerEvidence.LayerValue r = ratio.get();
            double decades = Math.log10(Thresholds.GRADIENT_RATIO_VANISHING / Math.max(r.value(), 1e-300));
            return Optional.of(new Primary(Verdict.VANISHING, Primary.confidence(base, decades / 3),
                    r.step() == null ? from : r.step(),
                    new Finding(Rule.VANISHING_GRADIENT, r.layer(), r.step(), r.value(), Thresholds.GRADIENT_RATIO_VANISHING,
                            "the gradient reaching the first layer (" + r.layer() + ") is "
                                    + DiagnosisText.times(r.value()) + " the last layer's and " + stall
                                    + ": the early layers are not learning")));
        }
        Optional<LayerEvidence.LayerValue> dead = layers.worstHiddenLayer(Trace.DEAD_FRACTION);
        if (dead.isPresent() && dead.get().value() >= Thresholds.DEAD_FRACTION) {
            LayerEvidence.LayerValue d = dead.get();
            return Optional.of(new Primary(Verdict.VANISHING, base, d.step() == null ? from : d.step(),
                    new Finding(Rule.DEAD_UNITS, d.layer(), d.step(), d.value(), Thresholds.DEAD_FRACTION,
                            DiagnosisText.percent(d.value()) + " of the units of " + d.layer()
                                    + " output zero on every example and " + stall)));
        }
        Optional<LayerEvidence.LayerValue> saturated = layers.worstHiddenLayer(Trace.SATURATED_FRACTION);
        if (saturated.isPresent() && saturated.get().value() >= Thresholds.SATURATED_FRACTION) {
            LayerEvidence.LayerValue s = saturated.get();
            return Optional.of(new Primary(Verdict.VANISHING, base, s.step() == null ? from : s.step(),
                    new Finding(Rule.SATURATED_UNITS, s.layer(), s.step(), s.value(), Thresholds.SATURATED_FRACTION,
                            DiagnosisText.percent(s.value()) + " of the activations of " + s.layer()
                                    + " are saturated (|x| > 5) and " + stall)));
        }
        if (e.chance().known()) {
            double margin = (e.calibration().learntLog() - Math.log(e.chance().loss() / e.best()))
                    / e.calibration().learntLog();
            return Optional.of(new Primary(Verdict.VANISHING, Primary.confidence(base - 0.05, margin), from,
                    new Finding(Rule.STALLED_AT_CHANCE, null, from, e.end() / e.chance().loss(), 1.0,
                            "the loss ended at " + DiagnosisText.number(e.end()) + ", at its chance level "
                                    + e.chance().describe() + ", and was never clearly below it (best "
                                    + DiagnosisText.number(e.best()) + "): nothing was learnt" + cause(layers, ratio))));
        }
        if (layers.hasGradients()) {
            return Optional.empty();
        }
        double stallMargin = 1 - f.bestImprovement / Thresholds.STALL_LOG_IMPROVEMENT;
        String why = frozenAccuracy(e.trace()).filter(w -> !flatOverSecondHalf(e)).map(w -> ", and " + w + ", so")
                .orElse(" and stopped moving:");
        return Optional.of(new Primary(Verdict.VANISHING,
                Math.min(Thresholds.LOSS_ONLY_VANISHING_CONFIDENCE, 0.4 + 0.15 * stallMargin),
                from,
                new Finding(Rule.FLAT_LOSS, null, from, Math.exp(f.bestImprovement), Math.exp(Thresholds.STALL_LOG_IMPROVEMENT),
                        "the loss never got more than " + DiagnosisText.percent(1 - Math.exp(-f.bestImprovement))
                                + " below its starting value" + why + " nothing was learnt (its chance"
                                + " level is unknown and there are no gradient columns to say why; a plateau with"
                                + " healthy gradients looks the same)")));
    }

    /** The likeliest cause the per-layer columns show, as a clause, or nothing. */
    private static String cause(LayerEvidence layers, Optional<LayerEvidence.LayerValue> ratio) {
        if (ratio.isPresent() && ratio.get().value() < Thresholds.GRADIENT_RATIO_FADING) {
            return " (the gradient reaching the first layer is " + DiagnosisText.times(ratio.get().value())
                    + " the last layer's: it fades on its way through the layers)";
        }
        boolean allTiny = !layers.updateRatios().isEmpty()
                && layers.updateRatios().stream().allMatch(u -> u.value() < Thresholds.UPDATE_RATIO_LOW);
        if (allTiny) {
            return " (its steps are tiny against its weights in every layer: the learning rate is likely too small)";
        }
        return "";
    }

    private static String stallWords(Evidence e) {
        if (e.chance().known()) {
            return "the loss ended at its chance level " + e.chance().describe() + " without ever getting clearly below it";
        }
        return stalled(e.loss()) ? "the loss never got a third below its start" : "the loss stopped improving";
    }
}
