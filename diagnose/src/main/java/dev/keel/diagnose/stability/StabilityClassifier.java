package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a run as stable, oscillating, diverging or vanishing (DESIGN.md, Verdicts). Rules are tried in
 * that order of severity: diverging, then oscillating, then vanishing; a run none of them fits is stable.
 * Every threshold is in {@link Thresholds}; docs/DIAGNOSIS.md explains each rule in a sentence.
 */
public final class StabilityClassifier {
    private StabilityClassifier() {
    }

    public static Diagnosis classify(Trace trace) {
        if (trace.column(Trace.LOSS).isEmpty()) {
            return new Diagnosis(Verdict.STABLE, 0, null, List.of(new Finding("no_loss", null, null, Double.NaN,
                    Double.NaN, "the trace has no loss column: nothing to diagnose")));
        }
        LossCurve curve = new LossCurve(trace);
        if (curve.size() == 0 && curve.firstNonFiniteStep == null) {
            return new Diagnosis(Verdict.STABLE, 0, null, List.of(new Finding("no_loss", null, null, Double.NaN,
                    Double.NaN, "the trace has no loss values: nothing to diagnose")));
        }
        LossFeatures features = new LossFeatures(curve);
        LayerEvidence layers = new LayerEvidence(trace);
        Optional<Primary> primary = DivergenceRules.check(curve, features, layers);
        if (primary.isEmpty()) {
            primary = OscillationRules.check(features);
        }
        if (primary.isEmpty()) {
            primary = VanishingRules.check(features, layers);
        }
        Verdict verdict = primary.map(Primary::verdict).orElse(Verdict.STABLE);
        String rule = primary.map(p -> p.finding().rule()).orElse(null);
        List<Finding> findings = new ArrayList<>();
        primary.ifPresent(p -> {
            findings.add(p.finding());
            findings.addAll(p.more());
        });
        findings.addAll(SecondaryFindings.of(trace, features, layers, verdict, rule));
        if (primary.isPresent()) {
            Primary p = primary.get();
            return new Diagnosis(verdict, round(p.confidence()), p.step(), findings);
        }
        return new Diagnosis(Verdict.STABLE, round(stableConfidence(curve, features, layers, findings)), null, findings);
    }

    /** More rows and per-layer columns make "nothing went wrong" more certain; a short trace says little, and a
     *  stable run that stalled, gave back progress or lost most of a layer's units is a weaker "stable". */
    private static double stableConfidence(LossCurve curve, LossFeatures f, LayerEvidence layers, List<Finding> findings) {
        double rows = Math.min(1, curve.size() / 100.0);
        double base = 0.5 + 0.3 * rows + (layers.hasGradients() ? 0.1 : 0);
        boolean doubtful = VanishingRules.stalled(f) || findings.stream().anyMatch(x -> x.rule().equals("dead_units")
                || x.rule().equals("gave_back_progress"));
        return doubtful ? base - 0.15 : base;
    }

    private static double round(double confidence) {
        return Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000.0;
    }

    /** The features the rules read, for the calibration report and for debugging a verdict. */
    public static String describe(Trace trace) {
        if (trace.column(Trace.LOSS).isEmpty()) {
            return "no loss column";
        }
        LossCurve curve = new LossCurve(trace);
        LayerEvidence layers = new LayerEvidence(trace);
        String grad = layers.gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING)
                .map(r -> String.format(java.util.Locale.ROOT, " gradRatio=%.2g", r.value())).orElse("");
        return new LossFeatures(curve) + grad;
    }
}
