package dev.keel.diagnose.stability;

import dev.keel.diagnose.Numbers;

import java.util.Locale;

/** Numbers as a person reads them in a finding: "8.1×", "2.3e-05", "NaN" (the digits: {@link Numbers#evidence}). */
final class DiagnosisText {
    private DiagnosisText() {
    }

    static String number(double v) {
        return Numbers.evidence(v);
    }

    static String times(double ratio) {
        if (Double.isFinite(ratio) && ratio >= 1e4) {
            return String.format(Locale.ROOT, "%.0e", ratio).replace("e+0", "e").replace("e+", "e") + "×";
        }
        return number(ratio) + "×";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** "giving up 81% of the progress it had made", or, past 100%, that it ended above where it started. */
    static String progressGivenUp(double share) {
        return share > 1.0 ? "all of the progress it had made and more (it ended above its starting level)"
                : percent(share) + " of the progress it had made";
    }
}
