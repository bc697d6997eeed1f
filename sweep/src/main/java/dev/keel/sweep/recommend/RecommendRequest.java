package dev.keel.sweep.recommend;

import dev.keel.diagnose.BadInputException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code keel recommend} was asked: the data, and a budget in trials or in minutes (not both).
 *
 * @param source        {@code builtin:NAME} or a CSV path
 * @param target        the target column ({@code null}: a built-in dataset's own)
 * @param trials        total trials over both stages, or {@code null} for a time budget
 * @param budgetMinutes wall-clock budget over both stages, or {@code null} for a trial budget
 * @param out           the folder for both stages and recommended.yaml
 * @param workers       trials in parallel
 * @param seed          fixes the data split, the plans and the trial seeds
 */
public record RecommendRequest(String source, String target, Integer trials, Double budgetMinutes, Path out,
                               int workers, long seed) {
    /** Without a budget, recommend takes five minutes: enough on 2 cores for data the size of digits. */
    public static final double DEFAULT_BUDGET_MINUTES = 5;
    /** Fewer trials cannot screen the space and still confirm a candidate on several seeds. */
    public static final int MIN_TRIALS = 12;

    public RecommendRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(out, "out");
        if (trials != null && budgetMinutes != null) {
            throw new BadInputException("give --budget or --trials, not both");
        }
        if (trials != null && trials < MIN_TRIALS) {
            throw new BadInputException("--trials must be at least " + MIN_TRIALS
                    + " (a screening stage and a confirmation on several seeds), was " + trials);
        }
        if (budgetMinutes != null && !(budgetMinutes > 0 && Double.isFinite(budgetMinutes))) {
            throw new BadInputException("--budget must be a number of minutes > 0, was " + budgetMinutes);
        }
        if (trials == null && budgetMinutes == null) {
            budgetMinutes = DEFAULT_BUDGET_MINUTES;
        }
        if (workers < 1) {
            throw new BadInputException("--workers must be >= 1, was " + workers);
        }
    }

    public boolean timeBudget() {
        return trials == null;
    }
}
