package dev.keel.diagnose;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Every way keel writes a number for people, each written once: exactly (files a person may edit), four
 * significant digits (tables: the report and the sweep's summary), three in a finding's sentence, and three
 * with trailing zeros dropped in a recommendation's facts. Every module may use it.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Exactly, as a person writes it in YAML or CSV: 3 not 3.0, 0.0001 not 1.0E-4; non-finite values as Java
     * spells them. For values written to files a person reads back (space files, recommended.yaml, data notes).
     */
    public static String exact(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Four significant digits; whole numbers below a million as they are; plain notation between 1e-4 and 1e6,
     * scientific outside; {@code NaN}, {@code inf}, {@code -inf}. For tables of results.
     */
    public static String fourDigits(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e6) {
            return rounded.toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.3e", v);
        // 1.000e-05 → 1e-05, 2.500e+08 → 2.5e+08
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + s.substring(e);
    }

    /**
     * As a finding's sentence gives its evidence: three significant digits, two in scientific notation below
     * 1e-3 and from 1e5; {@code NaN}, {@code +Infinity}, {@code -Infinity}.
     */
    public static String evidence(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Infinity" : "-Infinity";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Three significant digits with trailing zeros dropped: 0.05, 1.5e-05. */
    public static String threeDigits(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
