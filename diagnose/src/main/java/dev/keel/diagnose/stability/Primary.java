package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import java.util.List;

/** The rule that decided a verdict: the verdict, how sure, from which step, the evidence and any more. */
record Primary(Verdict verdict, double confidence, Long step, Finding finding, List<Finding> more) {

    Primary(Verdict verdict, double confidence, Long step, Finding finding) {
        this(verdict, confidence, step, finding, List.of());
    }

    /** A confidence that grows from {@code base} to 1 as {@code margin} (how far past the threshold, on a
     *  scale where 1 is "clearly past") grows from 0 to 1. */
    static double confidence(double base, double margin) {
        double m = Double.isNaN(margin) ? 0 : Math.max(0, Math.min(1, margin));
        return base + (1 - base) * m;
    }
}
