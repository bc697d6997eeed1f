package dev.keel.sweep.data;

import java.util.Objects;

/**
 * The {@code data} block of a space (docs/DESIGN.md): where the data comes from and how it is split.
 *
 * @param source   {@code builtin:NAME} or a CSV path
 * @param target   the target column; {@code null} means the built-in dataset's own target
 * @param task     {@code null} to infer from the target
 * @param train    share of rows for training
 * @param validation share for validation
 * @param test     share for test
 * @param stratify keep class shares equal across splits (classification only)
 */
public record DataSpec(String source, String target, Task task, double train, double validation, double test,
                       boolean stratify) {
    public DataSpec {
        Objects.requireNonNull(source, "data.source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("data.source must name builtin:NAME or a CSV file");
        }
        for (double share : new double[] {train, validation, test}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("data.split shares must be in [0, 1], got "
                        + train + "/" + validation + "/" + test);
            }
        }
        if (!(train > 0) || !(validation > 0)) {
            throw new IllegalArgumentException("data.split needs train > 0 and validation > 0, got "
                    + train + "/" + validation + "/" + test);
        }
        if (Math.abs(train + validation + test - 1.0) > 1e-6) {
            throw new IllegalArgumentException("data.split shares must sum to 1, got "
                    + train + " + " + validation + " + " + test);
        }
    }

    public static DataSpec of(String source, String target) {
        return new DataSpec(source, target, null, 0.7, 0.15, 0.15, true);
    }
}
