package dev.keel.diagnose.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one printed line says, in keel's names. Held compactly (a log can have a million lines): one slot a column
 * keel reads from printed logs, and a bit a slot for whether the line gave it.
 *
 * @param line      the line's number in the file (1-based)
 * @param values    the value of each of {@link #COLUMNS}, meaningful where {@code present} has its bit
 * @param present   bit {@code i} set when the line gave {@code COLUMNS.get(i)}
 * @param spelled   keel's column name to the key as printed (lower case, words joined by {@code _}), shared by the
 *                  lines that spell alike
 * @param stepTotal the {@code N} of {@code Step [k/N]}, or -1
 * @param shape     the line's shape ({@code keras}, {@code dict}, {@code pairs}, {@code table:<its header>}, ...);
 *                  with the spelling of its loss and step keys, it makes the line's kind
 * @param lossRows  what the loss averages over where the shape says it ({@link Trace#LOSS_ROWS}), else null
 */
record PrintedRecord(int line, double[] values, int present, Map<String, String> spelled, long stepTotal, String shape,
                     String lossRows) {

    /** The columns a printed line can give, the step first. */
    static final List<String> COLUMNS = List.of(Trace.STEP, Trace.EPOCH, Trace.LOSS, Trace.LR, Trace.TOTAL_GRAD_NORM,
            Trace.TRAIN_METRIC, Trace.VAL_LOSS, Trace.VAL_METRIC);

    static int slot(String column) {
        int i = COLUMNS.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("not a printed-log column: " + column);
        }
        return i;
    }

    boolean has(String column) {
        return (present & 1 << slot(column)) != 0;
    }

    /** The value of {@code column}, or null when the line did not give it. */
    Double get(String column) {
        int i = slot(column);
        return (present & 1 << i) != 0 ? values[i] : null;
    }

    /** A copy with {@code column} set to {@code value}. */
    PrintedRecord with(String column, double value) {
        int i = slot(column);
        double[] v = Arrays.copyOf(values, values.length);
        v[i] = value;
        return new PrintedRecord(line, v, present | 1 << i, spelled, stepTotal, shape, lossRows);
    }

    /** A copy with every value {@code later} gives over this one's, at {@code later}'s line. */
    PrintedRecord updatedBy(PrintedRecord later) {
        double[] v = Arrays.copyOf(values, values.length);
        for (int i = 0; i < v.length; i++) {
            if ((later.present & 1 << i) != 0) {
                v[i] = later.values[i];
            }
        }
        return new PrintedRecord(later.line, v, present | later.present, later.spelled, later.stepTotal, later.shape,
                later.lossRows);
    }

    /** A line of a training series: it prints a loss, or is a table row under a loss column (Hugging Face's "No log"). */
    boolean hasTrainingLoss() {
        return spelled.containsKey(Trace.LOSS);
    }

    /** A copy whose validation loss is its loss (spelled as the validation loss), for a log that prints no other. */
    PrintedRecord validationAsLoss() {
        int val = slot(Trace.VAL_LOSS);
        int loss = slot(Trace.LOSS);
        double[] v = Arrays.copyOf(values, values.length);
        v[loss] = values[val];
        Map<String, String> s = new HashMap<>(spelled);
        s.remove(Trace.VAL_LOSS);
        s.put(Trace.LOSS, spelled.getOrDefault(Trace.VAL_LOSS, Trace.VAL_LOSS));
        int bits = present & ~(1 << val) | 1 << loss;
        return new PrintedRecord(line, v, bits, Map.copyOf(s), stepTotal, shape, null);
    }

    boolean hasValidation() {
        return has(Trace.VAL_LOSS) || has(Trace.VAL_METRIC);
    }

    /** Lines of one kind are rows of one series: same shape, same loss key, same step key. */
    String kind() {
        return shape + "|" + spelled.get(Trace.LOSS) + "|" + spelled.get(Trace.STEP);
    }
}
