package dev.keel.report.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** How numbers and parameter values read in the report: short, exact enough, the same everywhere. */
public final class Format {
    private Format() {
    }

    /** Four significant digits; plain notation between 1e-4 and 1e6, scientific outside. */
    public static String number(double v) {
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
