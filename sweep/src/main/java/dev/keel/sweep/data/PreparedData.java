package dev.keel.sweep.data;

import java.util.List;
import java.util.Objects;

/**
 * A dataset loaded, cleaned (missing values imputed from the training split, categoricals one-hot
 * encoded) and split, but not yet preprocessed: preprocessing and augmentation are per-trial knobs.
 * The split is fixed by the sweep's seed.
 *
 * @param source       as written in the space ({@code builtin:digits}, a path)
 * @param task         classification or regression
 * @param featureNames one name per feature column, after one-hot encoding ({@code colour=red})
 * @param classNames   class labels in index order (empty for regression)
 * @param image        the image layout for image datasets, or {@code null}
 * @param fingerprint  hash of the file's bytes and the split settings, for provenance
 * @param notes        what the pipeline did that a user should know (task inferred, values imputed, …)
 */
public record PreparedData(String source, Task task, List<String> featureNames, List<String> classNames,
                           ImageShape image, Table train, Table validation, Table test, String fingerprint,
                           List<String> notes) {
    public PreparedData {
        Objects.requireNonNull(task, "task");
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        notes = List.copyOf(notes);
    }

    public int features() {
        return featureNames.size();
    }

    /** Output units: the number of classes, or 1 for regression. */
    public int outputs() {
        return task == Task.CLASSIFICATION ? classNames.size() : 1;
    }

    public int rows() {
        return train.rows() + validation.rows() + test.rows();
    }
}
