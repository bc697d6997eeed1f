package dev.keel.sweep.data;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a CSV cell means: missing, a number, or text. */
final class Cells {
    /**
     * Spellings of "no value", compared case-insensitively: empty, R's {@code NA}, Weka/UCI's {@code ?},
     * and what pandas, numpy and spreadsheets write ({@code NaN}, {@code N/A}, {@code null}, {@code #N/A}).
     * {@code None} is not one: it is a common category name ("extras: none").
     */
    static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "?", "nan", "-nan", "null", "<na>", "#n/a");

    /**
     * Plain decimal numbers only. Java's own parser also takes {@code 1d}, {@code 0x1p3} and
     * {@code Infinity}, none of which is a finite feature value a user meant to write.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells() {
    }

    static boolean isMissing(String cell) {
        return MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    /** The cell's finite value, or NaN if it is not a plain decimal number. */
    static double number(String cell) {
        if (!NUMBER.matcher(cell).matches()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(cell);
        return Double.isFinite(value) ? value : Double.NaN;
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

    /** A number as a person writes it: 3 not 3.0, 0.001 not 1.0E-3. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
