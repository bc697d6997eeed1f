package dev.keel.report.model;

import java.util.Locale;
import java.util.Map;

/**
 * The space's {@code metric}: the number that ranks trials and which way is better.
 *
 * @param name     a metric name of trials.jsonl, e.g. {@code val_loss}, {@code val_accuracy}
 * @param maximize whether larger is better
 */
public record Objective(String name, boolean maximize) {
    public static final Objective DEFAULT = new Objective("val_loss", false);

    /** The space's {@code metric: {name, goal}}, or the design's default {@code val_loss}, minimize. */
    public static Objective fromSpace(Map<String, Object> space) {
        if (space.get("metric") instanceof Map<?, ?> metric && metric.get("name") != null) {
            Object goal = metric.get("goal");
            boolean maximize = goal != null && goal.toString().toLowerCase(Locale.ROOT).startsWith("max");
            return new Objective(metric.get("name").toString(), maximize);
        }
        return DEFAULT;
    }

    /** Whether {@code a} is better than {@code b}; a NaN is never better and always beaten. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return maximize ? a > b : a < b;
    }

    /** The best of two values; NaN only when both are. */
    public double best(double a, double b) {
        return better(a, b) ? a : (Double.isNaN(b) ? a : b);
    }

    public String goalWord() {
        return maximize ? "higher is better" : "lower is better";
    }
}
