package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads printed training output (a {@code .log}, {@code .txt} or {@code .out} file, a notebook cell's output) into a
 * trace. Each line is parsed by {@link PrintedRecordParser}; lines that name no key keel reads (warnings, tracebacks,
 * model summaries, download bars) drop out there. Lines are then grouped into kinds by their shape and the keys they
 * spell: the kind that carries a training loss on the most lines gives the rows, and validation printed on lines of
 * its own ({@code Test set: Average loss: 0.05}, {@code {'eval_loss': 0.4, ...}}) goes to the training row it follows,
 * or to the row of its step when both print steps.
 */
final class PrintedLogReader {
    private static final List<String> COLUMNS = List.of(Trace.EPOCH, Trace.LOSS, Trace.LR, Trace.TOTAL_GRAD_NORM,
            Trace.TRAIN_METRIC, Trace.VAL_LOSS, Trace.VAL_METRIC);

    private PrintedLogReader() {
    }

    /** How sure a reading is of what the loss is, best first; a notebook reads the cell of the best. */
    enum Tier {
        /** A training loss printed under its name. */
        NAMED,
        /** No training loss: the validation loss, printed under its name, judged as the loss. */
        VALIDATION,
        /** No loss named at all: lines of bare numbers, their meaning guessed (notes say how). */
        NUMBERS
    }

    /** A printed log's trace and how it was found. */
    record Reading(Trace trace, Tier tier) {
    }

    /** The fewest validation lines judged as the loss when no training loss is printed: one value is not a curve. */
    private static final int MIN_VALIDATION_ROWS = 2;

    /** The trace of a printed log; a log with no loss is a {@link BadInputException}. */
    static Trace read(String name, String text) {
        LineCollector lines = collect(text);
        Reading reading = read(lines);
        if (reading == null) {
            boolean validation = lines.records.stream().anyMatch(PrintedRecord::hasValidation);
            throw new BadInputException(name + ": no training loss found" + (validation ? " (only validation losses)" : "")
                    + ", expected a printed training log with 'loss' values (like 'loss: 0.31' or 'Epoch 3 ... loss=0.31')");
        }
        return reading.trace();
    }

    /** The trace of a printed log, or null when it holds no loss (a notebook cell that does not train). */
    static Reading readOrNull(String text) {
        return read(collect(text));
    }

    /**
     * A named training loss if the log prints one; else its validation loss, judged as the loss (a verdict on the
     * validation curve beats none), on at least two lines; else lines of bare numbers ({@link BareRows}).
     */
    private static Reading read(LineCollector lines) {
        Trace trace = assemble(lines.records, List.of());
        if (trace != null) {
            return new Reading(trace, Tier.NAMED);
        }
        List<PrintedRecord> validation = new ArrayList<>();
        String spelled = null;
        for (PrintedRecord r : lines.records) {
            if (r.has(Trace.VAL_LOSS)) {
                validation.add(r.validationAsLoss());
                spelled = spelled == null ? r.spelled().get(Trace.VAL_LOSS) : spelled;
            }
        }
        if (validation.size() >= MIN_VALIDATION_ROWS) {
            trace = assemble(validation, List.of("no training loss in the log: the validation loss ('" + spelled
                    + "') is judged as the loss"));
            if (trace != null) {
                return new Reading(trace, Tier.VALIDATION);
            }
        }
        BareRows.Reading numbers = BareRows.read(lines.parser, lines.bare, lines.bareEpochs);
        if (numbers != null) {
            trace = assemble(numbers.records(), numbers.notes());
            if (trace != null) {
                return new Reading(trace, Tier.NUMBERS);
            }
        }
        return null;
    }

    /**
     * The records of every line, as the terminal last showed it. A line redrawn in place counts once, by its last
     * state; a bar redrawn across epochs without a newline (Lightning) counts once an epoch. A line that gives only an
     * epoch ({@code Epoch 3/20}, as Keras prints it above the epoch's progress) sets the epoch of the lines below it.
     */
    static List<PrintedRecord> records(String text) {
        return collect(text).records;
    }

    private static LineCollector collect(String text) {
        LineCollector collector = new LineCollector();
        TerminalText.forEachLine(text, collector);
        return collector;
    }

    private static final class LineCollector implements Consumer<List<String>> {
        private final PrintedRecordParser parser = new PrintedRecordParser();
        private final List<PrintedRecord> records = new ArrayList<>();
        /** Lines of nothing but numbers, with the epoch printed above them, for a log that names no loss. */
        private final List<BareRows.Row> bare = new ArrayList<>();
        private final Map<Integer, Double> bareEpochs = new HashMap<>();
        private Double epoch;
        private int lineNo;

        @Override
        public void accept(List<String> states) {
            lineNo++;
            List<PrintedRecord> parsed = new ArrayList<>(states.size());
            for (String state : states) {
                parsed.add(parser.parse(lineNo, state));
            }
            if (!states.isEmpty() && parsed.get(parsed.size() - 1) == null) {
                BareRows.Row row = BareRows.parse(lineNo, states.get(states.size() - 1));
                if (row != null) {
                    bare.add(row);
                    if (epoch != null) {
                        bareEpochs.put(lineNo, epoch);
                    }
                }
            }
            for (int i = 0; i < parsed.size(); i++) {
                PrintedRecord r = parsed.get(i);
                if (r == null || !lastOfItsEpoch(parsed, i)) {
                    continue;
                }
                if (!r.hasTrainingLoss() && !r.hasValidation()) {
                    epoch = r.has(Trace.EPOCH) ? r.get(Trace.EPOCH) : epoch;
                    continue;
                }
                if (!r.has(Trace.EPOCH) && epoch != null) {
                    r = r.with(Trace.EPOCH, epoch);
                }
                records.add(r);
            }
        }
    }

    /** Whether state {@code i} of a redrawn line is the last one of its epoch (the last of all, if it has none). */
    private static boolean lastOfItsEpoch(List<PrintedRecord> states, int i) {
        Double epoch = states.get(i) == null ? null : states.get(i).get(Trace.EPOCH);
        for (int j = i + 1; j < states.size(); j++) {
            Double next = states.get(j) == null ? null : states.get(j).get(Trace.EPOCH);
            if (epoch == null || next != null) {
                return epoch != null && !epoch.equals(next);
            }
        }
        return true;
    }

    private static Trace assemble(List<PrintedRecord> records, List<String> leadingNotes) {
        Map<String, List<PrintedRecord>> kinds = new LinkedHashMap<>();
        for (PrintedRecord r : records) {
            if (r.hasTrainingLoss()) {
                kinds.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
            }
        }
        List<PrintedRecord> chosen = null;
        for (List<PrintedRecord> kind : kinds.values()) {
            if (chosen == null || kind.size() > chosen.size()) {
                chosen = kind;
            }
        }
        if (chosen == null) {
            return null;
        }
        List<String> notes = new ArrayList<>(leadingNotes);
        int others = 0;
        int otherLine = Integer.MAX_VALUE;
        for (List<PrintedRecord> kind : kinds.values()) {
            if (kind != chosen) {
                others += kind.size();
                otherLine = Math.min(otherLine, kind.get(0).line());
            }
        }
        if (others > 0) {
            notes.add(String.format(Locale.ROOT, "the loss is read from the %d lines like line %d; %d other line%s"
                    + " with a loss, like line %d, left out (their validation values kept)", chosen.size(),
                    chosen.get(0).line(), others, others == 1 ? "" : "s", otherLine));
        }
        if (chosen.get(0).shape().equals("bar")) {
            chosen = onePerEpoch(chosen);
        }
        PrintedSteps.Run run = PrintedSteps.longestRun(chosen);
        PrintedSteps.Numbering numbering = PrintedSteps.number(run.rows());
        addNote(notes, run.note());
        addNote(notes, numbering.note());
        List<PrintedRecord> rows = new ArrayList<>(run.rows());
        if (rows.stream().noneMatch(row -> row.has(Trace.LOSS))) {
            return null; // a table whose loss column says "No log" on every row
        }
        attachValidation(records, run, numbering, rows);
        return build(run, numbering, rows, records, notes);
    }

    /** A tqdm bar redrawn on several lines (its validation bar in between) is one row an epoch: its last state. */
    private static List<PrintedRecord> onePerEpoch(List<PrintedRecord> rows) {
        List<PrintedRecord> kept = new ArrayList<>();
        for (PrintedRecord r : rows) {
            PrintedRecord last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (last != null && r.has(Trace.EPOCH) && r.get(Trace.EPOCH).equals(last.get(Trace.EPOCH))) {
                kept.set(kept.size() - 1, last.updatedBy(r));
            } else {
                kept.add(r);
            }
        }
        return kept;
    }

    /**
     * Validation values printed apart from the rows go to the row of their step when the log numbers both, else to
     * the latest row above them. Validation before the first row (a sanity check) or in another run is dropped.
     */
    private static void attachValidation(List<PrintedRecord> records, PrintedSteps.Run run,
                                         PrintedSteps.Numbering numbering, List<PrintedRecord> rows) {
        List<PrintedRecord> runRows = run.rows();
        int next = 0;
        for (PrintedRecord r : records) {
            while (next < runRows.size() && runRows.get(next).line() <= r.line()) {
                next++;
            }
            if (!r.hasValidation() || r.kind().equals(runRows.get(0).kind()) && r.hasTrainingLoss()
                    || !run.holds(r.line())) {
                continue;
            }
            int target = numbering.fromLog() && r.has(Trace.STEP)
                    ? Arrays.binarySearch(numbering.steps(), r.get(Trace.STEP).longValue()) : -1;
            if (target < 0) {
                target = next - 1;
            }
            if (target >= 0) {
                for (String column : List.of(Trace.VAL_LOSS, Trace.VAL_METRIC)) {
                    if (r.has(column)) {
                        rows.set(target, rows.get(target).with(column, r.get(column)));
                    }
                }
            }
        }
    }

    private static Trace build(PrintedSteps.Run run, PrintedSteps.Numbering numbering, List<PrintedRecord> rows,
                               List<PrintedRecord> records, List<String> notes) {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS) {
            boolean stepIsEpoch = column.equals(Trace.EPOCH) && numbering.byEpoch();
            if (!stepIsEpoch && rows.stream().anyMatch(row -> row.has(column))) {
                columns.add(column);
            }
        }
        Trace.Builder b = Trace.builder(columns);
        for (int i = 0; i < rows.size(); i++) {
            b.addRow(numbering.steps()[i]);
            for (int c = 0; c < columns.size(); c++) {
                Double v = rows.get(i).get(columns.get(c));
                if (v != null) {
                    b.set(c, v);
                }
            }
        }
        for (String metric : List.of(Trace.VAL_METRIC, Trace.TRAIN_METRIC)) {
            if (columns.contains(metric) && records.stream().anyMatch(r -> r.has(metric)
                    && r.spelled().getOrDefault(metric, "").contains("acc"))) {
                b.metadata(metric, "accuracy");
            }
        }
        String lossRows = run.rows().get(0).lossRows();
        if (lossRows != null) {
            b.metadata(Trace.LOSS_ROWS, lossRows);
        }
        notes.forEach(b::note);
        return b.build();
    }

    private static void addNote(List<String> notes, String note) {
        if (note != null) {
            notes.add(note);
        }
    }
}
