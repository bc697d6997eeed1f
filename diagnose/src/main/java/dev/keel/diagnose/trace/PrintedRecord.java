package dev.keel.diagnose.trace;

import java.util.Map;

/**
 * What one printed line says, in keel's names.
 *
 * @param line      the line's number in the file (1-based)
 * @param values    keel's column name to value ({@code step}, {@code epoch}, {@code loss}, {@code val_loss}, ...)
 * @param spelled   keel's column name to the key as printed (lower case, words joined by {@code _})
 * @param stepTotal the {@code N} of {@code Step [k/N]}, or -1
 * @param shape     the line's shape ({@code keras}, {@code dict}, {@code pairs}, {@code table@12}, ...); with the
 *                  spelling of its loss and step keys, it makes the line's kind
 * @param lossRows  what the loss averages over where the shape says it ({@link Trace#LOSS_ROWS}), else null
 */
record PrintedRecord(int line, Map<String, Double> values, Map<String, String> spelled, long stepTotal, String shape,
                     String lossRows) {

    boolean has(String column) {
        return values.containsKey(column);
    }

    Double get(String column) {
        return values.get(column);
    }

    /** A line of a training series: it prints a loss, or is a table row under a loss column (Hugging Face's "No log"). */
    boolean hasTrainingLoss() {
        return spelled.containsKey(Trace.LOSS);
    }

    boolean hasValidation() {
        return has(Trace.VAL_LOSS) || has(Trace.VAL_METRIC);
    }

    /** Lines of one kind are rows of one series: same shape, same loss key, same step key. */
    String kind() {
        return shape + "|" + spelled.get(Trace.LOSS) + "|" + spelled.get(Trace.STEP);
    }
}
