package dev.keel.report.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups a knob's values for tables and association scores: each category or distinct number is its own
 * group while there are few; a numeric knob with many values (a sampled learning rate) is cut into
 * equal-width ranges on its axis (log or linear).
 *
 * @param knob   the knob
 * @param labels one label per group, in axis order
 * @param edges  for ranges, the {@code labels.size() + 1} boundaries in axis units; empty otherwise
 */
public record Bins(Knob knob, List<String> labels, double[] edges) {

    /** A numeric knob with at most this many values keeps one group per value. */
    static final int MAX_EXACT_VALUES = 8;

    public static Bins of(Knob knob, List<?> values, int ranges) {
        if (!knob.numeric()) {
            return new Bins(knob, knob.categories(), new double[0]);
        }
        if (knob.distinct() <= MAX_EXACT_VALUES) {
            List<Double> distinct = values.stream().filter(v -> v instanceof Number)
                    .map(v -> ((Number) v).doubleValue()).distinct().sorted().toList();
            return new Bins(knob, distinct.stream().map(Format::number).toList(), new double[0]);
        }
        double lo = axis(knob, knob.min());
        double hi = axis(knob, knob.max());
        double[] edges = new double[ranges + 1];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= ranges; i++) {
            edges[i] = lo + (hi - lo) * i / ranges;
        }
        for (int i = 0; i < ranges; i++) {
            labels.add(Format.rough(unaxis(knob, edges[i])) + " – " + Format.rough(unaxis(knob, edges[i + 1])));
        }
        return new Bins(knob, labels, edges);
    }

    /** The group a value falls in, or -1 when the trial did not set the knob. */
    public int index(Object value) {
        if (value == null && !knob.numeric()) {
            return labels.indexOf("none");
        }
        if (edges.length == 0) {
            return labels.indexOf(Format.value(value));
        }
        if (!(value instanceof Number n)) {
            return -1;
        }
        double x = axis(knob, n.doubleValue());
        for (int i = 1; i < edges.length - 1; i++) {
            if (x < edges[i]) {
                return i - 1;
            }
        }
        return labels.size() - 1;
    }

    public int size() {
        return labels.size();
    }

    private static double axis(Knob knob, double v) {
        return knob.logScale() ? Math.log10(v) : v;
    }

    private static double unaxis(Knob knob, double v) {
        return knob.logScale() ? Math.pow(10, v) : v;
    }
}
