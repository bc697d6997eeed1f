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
}
