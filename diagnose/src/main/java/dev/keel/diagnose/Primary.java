package dev.keel.diagnose;

/** The rule that decided a verdict: the verdict, how sure, from which step, and the evidence. */
record Primary(Verdict verdict, double confidence, Long step, Finding finding) {

    /** A confidence that grows from {@code base} to 1 as {@code margin} (how far past the threshold, on a
     *  scale where 1 is "clearly past") grows from 0 to 1. */
    static double confidence(double base, double margin) {
        double m = Double.isNaN(margin) ? 0 : Math.max(0, Math.min(1, margin));
        return base + (1 - base) * m;
    }
}
