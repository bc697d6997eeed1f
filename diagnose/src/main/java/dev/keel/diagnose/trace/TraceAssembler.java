package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed rows into a {@link Trace}, checking what every format shares: steps are integers that never
 * go back. Two rows with the same step are merged when they fill different cells, because PyTorch Lightning
 * writes training and validation metrics of one step on separate lines.
 */
final class TraceAssembler {
    private final String file;
    private final List<String> columns;
    private final Trace.Builder builder;
    private final double[] pending;
    private final boolean[] present;
    private long pendingStep;
    private boolean hasPending;

    TraceAssembler(String file, List<String> columns, Map<String, String> metadata) {
        this.file = file;
        this.columns = columns;
        this.builder = Trace.builder(columns).metadataAll(metadata);
        this.pending = new double[columns.size()];
        this.present = new boolean[columns.size()];
    }

    /** Parses a step cell: an integer, or a number with no fractional part ("3.0", as pandas writes it). */
    static long parseStep(String file, int line, String cell) {
        String s = cell.trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            double v = TraceReader.parseNumber(s);
            if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 9e15) {
                return (long) v;
            }
            throw new BadInputException(file + ":" + line + ": step '" + s + "' is not an integer");
        }
    }

    /** Parses a value cell of a column keel reads; empty cells are absent and return {@code null}. */
    static Double parseValue(String file, int line, String column, String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return null;
        }
        double v = TraceReader.parseNumber(s);
        if (Double.isNaN(v) && !TraceReader.isNaNSpelling(s)) {
            throw new BadInputException(file + ":" + line + ": column '" + column + "' holds '" + s
                    + "', expected a number (NaN, inf and empty cells are allowed)");
        }
        return v;
    }

    void note(String sentence) {
        builder.note(sentence);
    }

    /** Starts a row at {@code step}; cells follow through {@link #set}. */
    void startRow(int line, long step) {
        if (hasPending && step < pendingStep) {
            throw new BadInputException(file + ":" + line + ": step " + step + " does not increase (after "
                    + pendingStep + "): expected steps in increasing order");
        }
        if (hasPending && step == pendingStep) {
            return;
        }
        flush();
        pendingStep = step;
        hasPending = true;
    }

    void set(int line, int column, double value) {
        // The epoch is bookkeeping: Hugging Face logs a training and an evaluation entry of one step with epochs
        // that can differ in the last digit. The first one stays.
        if (present[column] && columns.get(column).equals(Trace.EPOCH)) {
            return;
        }
        if (present[column] && Double.compare(pending[column], value) != 0) {
            throw new BadInputException(file + ":" + line + ": step " + pendingStep + " repeats with a different '"
                    + columns.get(column) + "' (" + pending[column] + " and " + value
                    + "): expected each step once");
        }
        pending[column] = value;
        present[column] = true;
    }

    private void flush() {
        if (!hasPending) {
            return;
        }
        builder.addRow(pendingStep);
        for (int c = 0; c < present.length; c++) {
            if (present[c]) {
                builder.set(c, pending[c]);
            }
        }
        Arrays.fill(present, false);
        hasPending = false;
    }

    Trace build() {
        flush();
        return builder.build();
    }
}
