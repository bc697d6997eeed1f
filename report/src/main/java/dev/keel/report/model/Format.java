package dev.keel.report.model;

import dev.keel.diagnose.Numbers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** How numbers and parameter values read in the report: short, exact enough, the same everywhere. */
public final class Format {
    private Format() {
    }

    /** Four significant digits; plain notation between 1e-4 and 1e6, scientific outside ({@link Numbers#fourDigits}). */
    public static String number(double v) {
        return Numbers.fourDigits(v);
    }

    /** Two significant digits, for range bounds: {@code 0.00011 – 0.00076} reads better than six digits. */
    public static String rough(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return number(v);
        }
        return number(new BigDecimal(v).round(new MathContext(2)).doubleValue());
    }

    /** A share in [0, 1] as a whole percentage, e.g. {@code 63%}. */
    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** Seconds as {@code 42 s}, {@code 3.5 min} or {@code 2.1 h}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        if (seconds < 120) {
            return number(Math.round(seconds * 10) / 10.0) + " s";
        }
        if (seconds < 7200) {
            return number(Math.round(seconds / 6.0) / 10.0) + " min";
        }
        return number(Math.round(seconds / 360.0) / 10.0) + " h";
    }

    /**
     * A parameter value as it would be written in YAML: numbers short, maps as {@code {patience: 5, …}},
     * {@code null} as {@code none}.
     */
    public static String value(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, x) -> j.add(k + ": " + value(x)));
            return j.toString();
        }
        if (v instanceof List<?> l) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            l.forEach(x -> j.add(value(x)));
            return j.toString();
        }
        return v.toString();
    }
}
