package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;
import dev.keel.sweep.data.Task;

import java.util.List;
import java.util.Objects;

/**
 * The number a sweep ranks trials by (docs/DESIGN.md: metric), one of the names trials.jsonl records.
 *
 * @param name a name of {@link #NAMES}
 * @param goal whether lower or higher is better
 */
public record Metric(String name, Goal goal) {
    /** docs/DESIGN.md's metric names, as written under {@code metrics} in trials.jsonl. */
    public static final List<String> NAMES = List.of("val_loss", "test_loss",
            "val_accuracy", "test_accuracy", "val_f1_macro", "test_f1_macro",
            "val_rmse", "test_rmse", "val_r2", "test_r2");

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
    }

    public Metric {
        Objects.requireNonNull(goal, "goal");
        if (!NAMES.contains(name)) {
            throw new SpaceKeyException("metric.name", "'" + name + "' is not one of " + String.join(", ", NAMES));
        }
    }

    /** The metric with the goal its name implies: losses and RMSE are minimised, the rest maximised. */
    public static Metric named(String name) {
        boolean lowerIsBetter = name.endsWith("_loss") || name.endsWith("_rmse");
        return new Metric(name, lowerIsBetter ? Goal.MINIMIZE : Goal.MAXIMIZE);
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
