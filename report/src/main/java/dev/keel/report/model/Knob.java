package dev.keel.report.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A knob as the trials of one sweep set it: which values it took and how to draw it on an axis.
 *
 * @param name       the YAML key, e.g. {@code learning_rate}
 * @param numeric    drawn on a number line (else as categories)
 * @param logScale   numeric and drawn on a log axis: the learning rate always, other knobs when their
 *                   values span more than {@link #LOG_DECADES} decades
 * @param categories for categorical knobs, the value labels in axis order; empty for numeric ones
 * @param min        smallest numeric value (NaN for categorical knobs)
 * @param max        largest numeric value (NaN for categorical knobs)
 * @param distinct   how many different values the trials used
 */
public record Knob(String name, boolean numeric, boolean logScale, List<String> categories, double min, double max,
                   int distinct) {

    public static final String LEARNING_RATE = "learning_rate";
    public static final String OPTIMIZER = "optimizer";
    /** A range wider than this many decades is read on a log axis (0.0001…0.1 is; 16…256 is not). */
    static final double LOG_DECADES = 2;
    /**
     * A numeric knob that includes 0 cannot go on a log axis; when its other values span decades
     * (weight_decay 0, 1e-5, 1e-3) a linear axis would crush them together, so few such values are
     * shown as ordered categories instead.
     */
    static final int MAX_ORDINAL_VALUES = 12;

    public Knob {
        Objects.requireNonNull(name, "name");
        categories = List.copyOf(categories);
    }

    /** Reads what values a knob took across trials. */
    public static Knob of(String name, Collection<?> values) {
        Map<String, Object> byLabel = new LinkedHashMap<>();
        boolean allNumbers = !values.isEmpty();
        for (Object v : values) {
            byLabel.putIfAbsent(Format.value(v), v);
            allNumbers &= v instanceof Number;
        }
        int distinct = byLabel.size();
        if (allNumbers) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double minPositive = Double.POSITIVE_INFINITY;
            for (Object v : values) {
                double d = ((Number) v).doubleValue();
                min = Math.min(min, d);
                max = Math.max(max, d);
                if (d > 0) {
                    minPositive = Math.min(minPositive, d);
                }
            }
            boolean wide = max > 0 && Math.log10(max / minPositive) > LOG_DECADES;
            if (min > 0 && (name.equals(LEARNING_RATE) || wide)) {
                return new Knob(name, true, true, List.of(), min, max, distinct);
            }
            if (min <= 0 && wide && distinct <= MAX_ORDINAL_VALUES) {
                List<Object> ordered = new ArrayList<>(byLabel.values());
                ordered.sort(Comparator.comparingDouble(v -> ((Number) v).doubleValue()));
                return new Knob(name, false, false, ordered.stream().map(Format::value).toList(), Double.NaN,
                        Double.NaN, distinct);
            }
            return new Knob(name, true, false, List.of(), min, max, distinct);
        }
        List<String> labels = new ArrayList<>(byLabel.keySet());
        labels.sort(Knob::compareLabels);
        return new Knob(name, false, false, labels, Double.NaN, Double.NaN, distinct);
    }

    /** {@code none} and {@code false} first, numbers in numeric order, the rest alphabetically. */
    private static int compareLabels(String a, String b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (ra == 2) {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        }
        return a.compareTo(b);
    }

    private static int rank(String label) {
        if (label.equals("none") || label.equals("false")) {
            return 0;
        }
        if (label.equals("true")) {
            return 1;
        }
        try {
            Double.parseDouble(label);
            return 2;
        } catch (NumberFormatException e) {
            return 3;
        }
    }

    public boolean varied() {
        return distinct > 1;
    }

    /** The position of a value on this knob's axis: the number itself, or the category's index. */
    public double position(Object value) {
        if (numeric) {
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return categories.indexOf(Format.value(value));
    }

    /** The value as the report prints it. */
    public String label(Object value) {
        return Format.value(value);
    }
}
