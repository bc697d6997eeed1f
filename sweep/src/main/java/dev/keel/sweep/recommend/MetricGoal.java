package dev.keel.sweep.recommend;

import java.util.Locale;

/** Whether a metric is better high (accuracy, F1, R²) or low (losses, RMSE). */
public enum MetricGoal {
    MINIMIZE,
    MAXIMIZE;

    public static MetricGoal fromToken(String token) {
        return valueOf(token.trim().toUpperCase(Locale.ROOT));
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when {@code a} is strictly better than {@code b}; NaN is worse than any number. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return this == MAXIMIZE ? a > b : a < b;
    }

    /** The goal docs/DESIGN.md implies for a metric name: losses and RMSE down, the rest up. */
    public static MetricGoal impliedBy(String metricName) {
        String m = metricName.toLowerCase(Locale.ROOT);
        return m.endsWith("loss") || m.endsWith("rmse") ? MINIMIZE : MAXIMIZE;
    }
}
