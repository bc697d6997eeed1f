package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns parsed rows into a {@link Trace}, checking what every format shares: steps are integers, and a step holds one
 * value a column. Rows are kept until {@link #build()}, which decides their order:
 * <ul>
 * <li>Two rows with the same step are merged when they fill different cells, because PyTorch Lightning writes the
 * training and validation metrics of one step on separate lines.</li>
 * <li>In such a file (rows merged by step), a row whose step goes back by at most the largest step between two rows
 * so far, and agrees with what is already at its step, was written late (Lightning writes an epoch's validation
 * after a later training row): it is sorted into place.</li>
 * <li>A step that goes back to or below the first step of the run starts a second run in the same file (a
 * {@code CSVLogger} that appends, a restarted script): the longest run is kept.</li>
 * <li>Any other step that goes back, or a step that repeats with another value, is an error naming the line.</li>
 * </ul>
 * A row that fills no cell but the epoch (Lightning's per-batch validation, which is not read) takes no part. Each decision that
 * drops or moves rows leaves a note on the trace.
 */
final class TraceAssembler {
    private final String file;
    private final List<String> columns;
    private final int[] parts;
    private final boolean lastWins;
    private final int epochColumn;
    private final Trace.Builder builder;
    private final List<Row> rows = new ArrayList<>();
    private Row current;

    /** One row as the file wrote it: the cells it gave, and how many parts of each summed column. */
    private static final class Row {
        final int line;
        final long step;
        final double[] values;
        final byte[] count;

        Row(int line, long step, int width) {
            this.line = line;
            this.step = step;
            this.values = new double[width];
            this.count = new byte[width];
        }
    }

    TraceAssembler(String file, List<String> columns, Map<String, String> metadata) {
        this(file, columns, metadata, null, false);
    }

    /**
     * @param parts    for each column, how many columns of the file are summed into it (a loss logged in parts), or
     *                 null when none is
     * @param lastWins whether a column given twice at one step keeps its last value (rows keyed by the epoch, where
     *                 a per-step column such as Lightning's learning rate is written several times an epoch)
     */
    TraceAssembler(String file, List<String> columns, Map<String, String> metadata, int[] parts, boolean lastWins) {
        this.file = file;
        this.columns = columns;
        this.parts = parts == null ? new int[columns.size()] : parts;
        this.lastWins = lastWins;
        this.epochColumn = columns.indexOf(Trace.EPOCH);
        this.builder = Trace.builder(columns).metadataAll(metadata);
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
        current = new Row(line, step, columns.size());
        rows.add(current);
    }

    /** Sets a cell of the current row; a column summed from parts adds each part. */
    void set(int line, int column, double value) {
        if (parts[column] > 1 && current.count[column] > 0) {
            current.values[column] += value;
        } else {
            current.values[column] = value;
        }
        current.count[column]++;
    }

    private boolean present(Row r, int column) {
        return r.count[column] >= Math.max(1, parts[column]);
    }

    /** A row that gives nothing but bookkeeping (no cell, or only the epoch). */
    private boolean empty(Row r) {
        for (int c = 0; c < columns.size(); c++) {
            if (c != epochColumn && present(r, c)) {
                return false;
            }
        }
        return true;
    }

    /** The cells of one step of a run, merged from the rows that gave them. */
    private static final class Cells {
        final double[] values;
        final boolean[] present;

        Cells(int width) {
            values = new double[width];
            present = new boolean[width];
        }
    }

    /** The rows of one run, by step. */
    private static final class Run {
        final TreeMap<Long, Cells> steps = new TreeMap<>();
        final int firstLine;
        int lastLine;
        long first;
        long max;
        long maxGap;
        int late;
        long lateBack;

        Run(Row r) {
            firstLine = r.line;
            first = r.step;
            max = r.step;
        }
    }

    Trace build() {
        List<Row> kept = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (!empty(r)) {
                kept.add(r);
            }
        }
        boolean mergedByStep = false;
        for (int i = 1; i < kept.size() && !mergedByStep; i++) {
            mergedByStep = kept.get(i).step == kept.get(i - 1).step;
        }
        List<Run> runs = new ArrayList<>();
        Run run = null;
        boolean lastValues = false;
        for (Row r : kept) {
            if (run == null || r.step < run.max && r.step <= run.first) {
                run = new Run(r);
                runs.add(run);
            } else if (r.step < run.max) {
                Cells at = run.steps.get(r.step);
                boolean late = mergedByStep && run.max - r.step <= run.maxGap && (at == null || agrees(at, r));
                if (!late) {
                    throw new BadInputException(file + ":" + r.line + ": step " + r.step + " does not increase (after "
                            + run.max + "): expected steps in increasing order");
                }
                run.late++;
                run.lateBack = Math.max(run.lateBack, run.max - r.step);
            } else if (r.step > run.max) {
                run.maxGap = Math.max(run.maxGap, r.step - run.max);
                run.max = r.step;
            }
            Cells cells = run.steps.computeIfAbsent(r.step, s -> new Cells(columns.size()));
            lastValues |= merge(cells, r);
            run.lastLine = r.line;
        }
        Run chosen = null;
        for (Run candidate : runs) {
            if (chosen == null || candidate.steps.size() >= chosen.steps.size()) {
                chosen = candidate; // on a tie the later run, the one the file ends with
            }
        }
        if (runs.size() > 1) {
            builder.note(String.format(Locale.ROOT, "the file holds %d runs (the steps start again at line %d): read"
                    + " the longest, %d rows from line %d to %d", runs.size(), runs.get(1).firstLine,
                    chosen.steps.size(), chosen.firstLine, chosen.lastLine));
        }
        if (chosen != null && chosen.late > 0) {
            builder.note(String.format(Locale.ROOT, "%d row%s written after a later step (going back by at most %d,"
                    + " as Lightning writes an epoch's last metrics) sorted into place", chosen.late,
                    chosen.late == 1 ? "" : "s", chosen.lateBack));
        }
        if (lastValues) {
            builder.note("columns written several times an epoch (a learning rate logged every step) keep the"
                    + " epoch's last value");
        }
        if (chosen != null) {
            for (Map.Entry<Long, Cells> e : chosen.steps.entrySet()) {
                builder.addRow(e.getKey());
                Cells cells = e.getValue();
                for (int c = 0; c < columns.size(); c++) {
                    if (cells.present[c]) {
                        builder.set(c, cells.values[c]);
                    }
                }
            }
        }
        return builder.build();
    }

    /** Whether a late row agrees with what its step already holds (the epoch aside). */
    private boolean agrees(Cells at, Row r) {
        for (int c = 0; c < columns.size(); c++) {
            if (c != epochColumn && at.present[c] && present(r, c)
                    && Double.compare(at.values[c], r.values[c]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Merges a row into its step's cells; returns whether a value was replaced by a later one ({@code lastWins}). */
    private boolean merge(Cells cells, Row r) {
        boolean replaced = false;
        for (int c = 0; c < columns.size(); c++) {
            if (!present(r, c)) {
                continue;
            }
            if (cells.present[c]) {
                // The epoch is bookkeeping: Hugging Face logs a training and an evaluation entry of one step with
                // epochs that can differ in the last digit. The first one stays.
                if (c == epochColumn || Double.compare(cells.values[c], r.values[c]) == 0) {
                    continue;
                }
                if (!lastWins) {
                    throw new BadInputException(file + ":" + r.line + ": step " + r.step + " repeats with a different '"
                            + columns.get(c) + "' (" + cells.values[c] + " and " + r.values[c]
                            + "): expected each step once");
                }
                replaced = true;
            }
            cells.values[c] = r.values[c];
            cells.present[c] = true;
        }
        return replaced;
    }
}
