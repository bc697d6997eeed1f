package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;
import dev.keel.sweep.data.Task;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The number a sweep ranks trials by (docs/DESIGN.md: metric), one of the names trials.jsonl records, and which
 * way is better. keel's one definition of a metric's direction: the sweep's summary, {@code keel recommend} and
 * the report all rank through {@link Goal}.
 *
 * @param name a name of {@link #NAMES}, or for a report of logs of {@link #LOG_NAMES}
 * @param goal whether lower or higher is better
 */
public record Metric(String name, Goal goal) {
    /** docs/DESIGN.md's metric names, as written under {@code metrics} in trials.jsonl. */
    public static final List<String> NAMES = List.of("val_loss", "test_loss",
            "val_accuracy", "test_accuracy", "val_f1_macro", "test_f1_macro",
            "val_rmse", "test_rmse", "val_r2", "test_r2");

    /**
     * What a report of other tools' logs ranks by (the report's {@code LogFolder}: the best validation metric,
     * the best validation loss, the last training loss of each log). A report reads them; a space cannot name
     * them (its parser accepts {@link #NAMES} only), since no sweep records them.
     */
    public static final List<String> LOG_NAMES = List.of("best_val_metric", "best_val_loss", "final_loss");

    public static final Metric DEFAULT = new Metric("val_loss", Goal.MINIMIZE);

    public enum Goal implements Token {
        MINIMIZE("minimize"),
        MAXIMIZE("maximize");

        private final String token;

        Goal(String token) {
            this.token = token;
        }

        @Override
        public String token() {
            return token;
        }

        public static Goal fromToken(String token) {
            return Token.parse(Goal.class, token);
        }

        /** Whether {@code a} is strictly better than {@code b}; a NaN is never better and always beaten. */
        public boolean better(double a, double b) {
            if (Double.isNaN(a)) {
                return false;
            }
            if (Double.isNaN(b)) {
                return true;
            }
            return this == MAXIMIZE ? a > b : a < b;
        }

        /** The better of two values; NaN only when both are. */
        public double best(double a, double b) {
            return better(a, b) ? a : (Double.isNaN(b) ? a : b);
        }

        /** Values best first, NaN last. */
        public Comparator<Double> bestFirst() {
            return (a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0;
        }

        /** The direction in words, for a reader: {@code higher is better}. */
        public String words() {
            return this == MAXIMIZE ? "higher is better" : "lower is better";
        }
    }

    public Metric {
        Objects.requireNonNull(goal, "goal");
        if (!NAMES.contains(name) && !LOG_NAMES.contains(name)) {
            throw new SpaceKeyException("metric.name", "'" + name + "' is not one of " + String.join(", ", NAMES));
        }
    }

    /** The metric with the goal its name implies: losses and RMSE are minimised, the rest maximised. */
    public static Metric named(String name) {
        boolean lowerIsBetter = name.endsWith("_loss") || name.endsWith("_rmse");
        return new Metric(name, lowerIsBetter ? Goal.MINIMIZE : Goal.MAXIMIZE);
    }

    /**
     * The metric a resolved space records ({@code sweep.json}'s {@code space.metric}), read leniently for a
     * report: a store without one, or with a name keel does not know, is ranked by the default, val_loss.
     */
    public static Metric ofResolved(Map<String, Object> space) {
        if (space.get("metric") instanceof Map<?, ?> m && m.get("name") != null
                && (NAMES.contains(m.get("name").toString()) || LOG_NAMES.contains(m.get("name").toString()))) {
            String name = m.get("name").toString();
            Object goal = m.get("goal");
            return goal == null ? named(name)
                    : new Metric(name, goal.toString().toLowerCase(Locale.ROOT).startsWith("max") ? Goal.MAXIMIZE
                    : Goal.MINIMIZE);
        }
        return DEFAULT;
    }

    /** Whether {@code a} is strictly better than {@code b} for this metric; NaN is never better. */
    public boolean better(double a, double b) {
        return goal.better(a, b);
    }

    /** The task this metric needs, or {@code null} when any task reports it (the losses). */
    public Task task() {
        if (name.endsWith("_accuracy") || name.endsWith("_f1_macro")) {
            return Task.CLASSIFICATION;
        }
        if (name.endsWith("_rmse") || name.endsWith("_r2")) {
            return Task.REGRESSION;
        }
        return null;
    }

    /** Whether a trial on data of this task reports this metric. */
    public boolean appliesTo(Task task) {
        return task() == null || task == null || task() == task;
    }
}
