package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a run as stable, oscillating, diverging or vanishing (docs/DESIGN.md, Verdicts). Rules are tried in
 * order of severity: diverging, then oscillating, then vanishing; a run none of them fits is stable. Fixed
 * thresholds are in {@link Thresholds}, the ones chosen from labelled runs in {@link Calibration};
 * docs/DIAGNOSIS.md explains each rule in a sentence.
 */
public final class StabilityClassifier {
    private StabilityClassifier() {
    }

    public static Diagnosis classify(Trace trace) {
        return classify(trace, ChanceLevel.UNKNOWN, Calibration.DEFAULT);
    }

    /**
     * @param given the chance level the user gave ({@code --classes}, {@code --chance-loss}); it wins over the
     *              trace's metadata. {@link ChanceLevel#UNKNOWN} to use the metadata or infer it.
     */
    public static Diagnosis classify(Trace trace, ChanceLevel given) {
        return classify(trace, given, Calibration.DEFAULT);
    }

    public static Diagnosis classify(Trace trace, ChanceLevel given, Calibration calibration) {
        return classify(prepare(trace, given), calibration);
    }

    /**
     * What the rules read of a run, computed once (the expensive part), so that a search over thresholds can
     * classify the same runs under many calibrations.
     */
    public static final class Prepared {
        private final Evidence evidence;

        private Prepared(Evidence evidence) {
            this.evidence = evidence;
        }

        /** What the rules read; null for a trace without a loss column. */
        Evidence evidence() {
            return evidence;
        }
    }

    public static Prepared prepare(Trace trace, ChanceLevel given) {
        if (trace.column(Trace.LOSS).isEmpty()) {
            return new Prepared(null);
        }
        return new Prepared(Evidence.of(trace, given, Calibration.DEFAULT));
    }

    public static Diagnosis classify(Prepared prepared, Calibration calibration) {
        if (prepared.evidence == null) {
            return Diagnosis.noEvidence("the trace has no loss column: nothing to diagnose");
        }
        Evidence e = prepared.evidence.with(calibration);
        if (e.curve().size() == 0 && e.curve().firstNonFiniteStep == null) {
            return Diagnosis.noEvidence("the trace has no loss values: nothing to diagnose");
        }
        Optional<Primary> primary = DivergenceRules.check(e);
        if (primary.isEmpty()) {
            primary = OscillationRules.check(e);
        }
        if (primary.isEmpty()) {
            primary = VanishingRules.check(e);
        }
        Verdict verdict = primary.map(Primary::verdict).orElse(Verdict.STABLE);
        Rule rule = primary.map(p -> p.finding().rule()).orElse(null);
        List<Finding> findings = new ArrayList<>();
        primary.ifPresent(p -> {
            findings.add(p.finding());
            findings.addAll(p.more());
        });
        findings.addAll(SecondaryFindings.of(e, verdict, rule));
        if (primary.isPresent()) {
            Primary p = primary.get();
            return new Diagnosis(verdict, round(p.confidence()), p.step(), findings);
        }
        return new Diagnosis(Verdict.STABLE, round(stableConfidence(e, findings)), null, findings);
    }

    /** The confidence of a stable verdict, as {@link Thresholds} (Confidence of a stable verdict) says. */
    private static double stableConfidence(Evidence e, List<Finding> findings) {
        double rows = Math.min(1, e.curve().size() / (double) Thresholds.STABLE_CONFIDENCE_FULL_ROWS);
        double base = Thresholds.STABLE_CONFIDENCE_BASE + Thresholds.STABLE_CONFIDENCE_ROWS_SHARE * rows
                + (e.layers().hasGradients() ? Thresholds.STABLE_CONFIDENCE_GRADIENTS : 0)
                + (e.learnt() ? Thresholds.STABLE_CONFIDENCE_LEARNT : 0);
        boolean doubtful = VanishingRules.stalled(e.loss()) || findings.stream().anyMatch(x -> x.rule() == Rule.DEAD_UNITS
                || x.rule() == Rule.GAVE_BACK_PROGRESS);
        return doubtful ? base - Thresholds.STABLE_CONFIDENCE_DOUBT : base;
    }

    private static double round(double confidence) {
        return Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000.0;
    }

    /** The features the rules read, for the calibration report and for debugging a verdict. */
    public static String describe(Trace trace) {
        return describe(trace, ChanceLevel.UNKNOWN, Calibration.DEFAULT);
    }

    public static String describe(Trace trace, ChanceLevel given, Calibration calibration) {
        if (trace.column(Trace.LOSS).isEmpty()) {
            return "no loss column";
        }
        Evidence e = Evidence.of(trace, given, calibration);
        String grad = e.layers().gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING)
                .map(r -> String.format(java.util.Locale.ROOT, " gradRatio=%.2g", r.value())).orElse("");
        Swings v = e.signals().validation.size() >= Thresholds.MIN_POINTS_FOR_SWINGS ? e.validationSwings() : Swings.NONE;
        Swings t = e.signals().training.size() >= Thresholds.MIN_POINTS_FOR_SWINGS ? e.trainingSwings() : Swings.NONE;
        double maxUpdate = e.layers().updateRatios().stream().mapToDouble(LayerEvidence.LayerValue::value).max()
                .orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT,
                "%s rows=%s avg=%d val=%d %s best=%.3g end=%.3g learnt=%b atChance=%b swT=%d/%.2f swV=%d/%.2f upd=%.2g",
                e.loss(), e.signals().rows, e.signals().training.size(), e.signals().validation.size(), e.chance(),
                e.best(), e.end(), e.learnt(), e.endsAtChance(), t.big(), t.largest(), v.big(), v.largest(), maxUpdate)
                + grad;
    }
}
