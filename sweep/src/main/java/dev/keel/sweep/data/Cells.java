package dev.keel.sweep.data;

import java.util.Locale;
import java.util.Set;

/** What a CSV cell means: missing, a number, or text. */
final class Cells {
    /**
     * Spellings of "no value", compared case-insensitively: empty, R's {@code NA}, Weka/UCI's {@code ?},
     * and what pandas, numpy and spreadsheets write ({@code NaN}, {@code N/A}, {@code null}, {@code #N/A}).
     * {@code None} is not one: it is a common category name ("extras: none").
     */
    static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "?", "nan", "-nan", "null", "<na>", "#n/a");

    private static final int LONGEST_MARKER = 4;

    private Cells() {
    }

    static boolean isMissing(String cell) {
        return cell.length() <= LONGEST_MARKER && MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    /**
     * The cell's finite value, or NaN if it is not a plain decimal number ({@code -1.5}, {@code .5},
     * {@code 3e-2}). Java's own parser also takes {@code 1d}, {@code 0x1p3} and {@code Infinity}, none of
     * which is a feature value a user meant to write.
     */
    static double number(String cell) {
        if (!isPlainDecimal(cell)) {
            return Double.NaN;
        }
        double value = Double.parseDouble(cell);
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** {@code [+-]?(digits[.digits*] | .digits)([eE][+-]?digits)?}, by hand: a regex costs more than the parse. */
    private static boolean isPlainDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNumber(String cell) {
        return !Double.isNaN(number(cell));
    }

    /** A cell value for a one-line message: quoted, line breaks shown as {@code \n}, long values cut. */
    static String quote(String value) {
        String flat = value.replace("\r", "\\r").replace("\n", "\\n");
        if (flat.length() > 40) {
            flat = flat.substring(0, 37) + "...";
        }
        return "'" + flat + "'";
    }

    /** A file path for a one-line message: quoted whole, since a cut path cannot be found. */
    static String quotePath(String path) {
        return "'" + path.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    /** A statistic for a note: six significant digits, so an averaged median does not print as 0.0053100000000000005. */
    static String formatRounded(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return format(new java.math.BigDecimal(value).round(new java.math.MathContext(6)).doubleValue());
    }

    /** A number as a person writes it, exactly: 3 not 3.0, 0.001 not 1.0E-3. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A note on a column whose values are beyond what training's 32-bit floats hold, or {@code null}: such values
     * become infinite, and every trial's loss is NaN from its first step whatever its settings.
     */
    static String beyondFloat(String what, double[] values) {
        double largest = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        if (largest <= Float.MAX_VALUE) {
            return null;
        }
        return what + " holds values as large as " + String.format(java.util.Locale.ROOT, "%.3g", largest)
                + ", beyond what training's 32-bit floats hold (3.4e38): they overflow and every trial fails at its"
                + " first step; rescale it (other units, or its logarithm)";
    }
}
