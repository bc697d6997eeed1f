package dev.keel.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * The classifier's answer for one run.
 *
 * @param verdict           exactly one verdict
 * @param confidence        in [0, 1]
 * @param firstDetectedStep the first step at which the verdict was evident, or {@code null} (e.g. stable runs)
 * @param findings          the evidence, primary rule first, then secondary findings
 */
public record Diagnosis(Verdict verdict, double confidence, Long firstDetectedStep, List<Finding> findings) {
    public Diagnosis {
        Objects.requireNonNull(verdict, "verdict");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        findings = List.copyOf(findings);
    }

    /**
     * The answer for a run with nothing to judge (a trace without a loss): no evidence. It is stored as stable with
     * confidence 0, the store's verdicts being the four, and carries the finding {@link Rule#NO_LOSS}, which
     * {@link #hasEvidence()} reads; show it as "no evidence", never as a stable run.
     */
    public static Diagnosis noEvidence(String why) {
        return new Diagnosis(Verdict.STABLE, 0, null, List.of(new Finding(Rule.NO_LOSS, null, null, Double.NaN,
                Double.NaN, why)));
    }

    /** False for {@link #noEvidence}: the run had no loss to judge, and its "stable" means nothing. */
    public boolean hasEvidence() {
        return findings.stream().noneMatch(f -> f.rule() == Rule.NO_LOSS);
    }
}
