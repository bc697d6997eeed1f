package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines that are nothing but numbers, read when a log names no loss at all: a loss printed one a line
 * ({@code print(loss.item())}, a printed tensor {@code tensor(3.2207, device='cuda:0')}, a column of values pasted into
 * an issue), or rows of numbers whose header was not printed or not copied (fastai's epoch table without its header:
 * {@code 7  0.4412  0.5127  0.8305  00:12}). What each column means is a guess, so every reading says so in a note.
 *
 * <ul>
 * <li>One number a line: the loss, in order. When the numbers clearly interleave two quantities of very different
 * scale (every other line at least three times every line between, as a loss printed with an accuracy in percent),
 * the first of each pair is the loss.</li>
 * <li>Rows ending in a time ({@code 00:12}) whose first column counts epochs: fastai's table, read as epoch,
 * train_loss, valid_loss.</li>
 * <li>Other rows: a first column of whole numbers that counts up is the step and the second the loss, else the
 * first column is the loss, in order.</li>
 * </ul>
 * A column of whole numbers only (counts, sizes, shapes) is never a loss, and a single such line is not a log.
 */
final class BareRows {
    /** One line of numbers: its cells, and whether it ended in a time. */
    record Row(int line, double[] cells, boolean time) {
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;|]+");
    private static final Pattern TIME = Pattern.compile("\\d+:\\d{2}(:\\d{2})?");
    private static final String NUMBER = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|(?i:[-+]?nan|[-+]?inf(?:inity)?))";
    /** A printed scalar tensor: PyTorch's, TensorFlow's, NumPy's (one level of parentheses in its arguments). */
    private static final Pattern TENSOR = Pattern.compile("^(?:tf\\.)?(?:[Tt]ensor|array)\\(\\s*\\[*\\s*" + NUMBER
            + "\\s*\\]*\\s*(?:,[^()]*(?:\\([^()]*\\)[^()]*)*)?\\)$");
    /** Hasktorch's {@code Tensor Float []  2.5e-3}. */
    private static final Pattern HASKTORCH = Pattern.compile("^Tensor\\s+[A-Z]\\w*\\s*\\[[\\d,\\s]*\\]\\s+" + NUMBER + "$");
    private static final int MAX_CELLS = 16;
    /** How far apart two interleaved quantities must be: every one of the larger at least this times the smaller. */
    private static final double INTERLEAVED_RATIO = 3;
    private static final int MIN_INTERLEAVED = 6;

    private BareRows() {
    }

    /** The numbers of a line made only of numbers (and a closing time), or null. */
    static Row parse(int lineNo, String text) {
        int from = 0;
        int n = text.length();
        while (from < n && (Character.isWhitespace(text.charAt(from)) || PrintedTable.isBlock(text.charAt(from)))) {
            from++;
        }
        if (from == n) {
            return null;
        }
        char first = text.charAt(from);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.' || first == 't' || first == 'T'
                || first == 'a' || first == 'n' || first == 'N' || first == 'i' || first == 'I')) {
            return null;
        }
        String t = text.substring(from).strip();
        if (first == 't' || first == 'T' || first == 'a') {
            Matcher m = TENSOR.matcher(t);
            if (!m.matches()) {
                m = HASKTORCH.matcher(t);
                if (!m.matches()) {
                    return null;
                }
            }
            return new Row(lineNo, new double[] {TraceReader.parseNumber(m.group(1))}, false);
        }
        String[] cells = SEPARATORS.split(t);
        if (cells.length > MAX_CELLS) {
            return null;
        }
        int count = cells.length;
        boolean time = count > 1 && TIME.matcher(cells[count - 1]).matches();
        if (time) {
            count--;
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            double v = TraceReader.parseNumber(cells[i]);
            if (Double.isNaN(v) && !TraceReader.isNaNSpelling(cells[i])) {
                return null;
            }
            values[i] = v;
        }
        return new Row(lineNo, values, time);
    }

    /** The records of the rows, with the notes on how they were read; null when they hold no loss. */
    record Reading(List<PrintedRecord> records, List<String> notes) {
    }

    static Reading read(PrintedRecordParser parser, List<Row> rows, Map<Integer, Double> epochs) {
        // The rows of the most common shape (how many numbers, whether a time ends them).
        Map<String, List<Row>> shapes = new LinkedHashMap<>();
        for (Row r : rows) {
            shapes.computeIfAbsent(r.cells().length + (r.time() ? "t" : ""), k -> new ArrayList<>()).add(r);
        }
        List<Row> chosen = null;
        for (List<Row> shape : shapes.values()) {
            if (chosen == null || shape.size() > chosen.size()) {
                chosen = shape;
            }
        }
        if (chosen == null || chosen.size() < 2) {
            return null;
        }
        int width = chosen.get(0).cells().length;
        boolean time = chosen.get(0).time();
        List<String> notes = new ArrayList<>();
        int stepColumn = -1;
        int epochColumn = -1;
        int lossColumn = 0;
        int valColumn = -1;
        String lossRows = null;
        if (width == 1) {
            if (interleaved(chosen)) {
                notes.add(interleavedNote(chosen));
                List<Row> firsts = new ArrayList<>();
                for (int i = 0; i < chosen.size(); i += 2) {
                    firsts.add(chosen.get(i));
                }
                chosen = firsts;
            } else {
                notes.add("no loss named in the log: its " + chosen.size() + " lines of one number each (or a printed"
                        + " tensor), like line " + chosen.get(0).line() + ", read as the loss");
            }
        } else if (countsUp(chosen, 0)) {
            lossColumn = 1;
            if (time && width >= 3) {
                epochColumn = 0;
                valColumn = 2;
                lossRows = Trace.LOSS_ROWS_EMA; // fastai's train_loss is its smoothed loss
                notes.add("no header in the log: its " + chosen.size() + " rows of numbers ending in a time (like line "
                        + chosen.get(0).line() + "), as fastai prints its epoch table, read as epoch, train_loss,"
                        + " valid_loss" + (width > 3 ? " (the metrics after them not read)" : ""));
            } else {
                stepColumn = 0;
                notes.add("no header in the log: its " + chosen.size() + " rows of " + width + " numbers (like line "
                        + chosen.get(0).line() + ") read as the step (the first, whole numbers) and the loss (the"
                        + " second)" + (width > 2 ? "; the other columns not read" : ""));
            }
        } else {
            notes.add("no header in the log: the first of the " + width + " numbers on its " + chosen.size()
                    + " rows (like line " + chosen.get(0).line() + ") read as the loss; the others not read");
        }
        if (wholeOnly(chosen, lossColumn)) {
            return null; // counts, sizes or shapes, not a loss
        }
        List<PrintedRecord> records = new ArrayList<>();
        for (Row r : chosen) {
            Map<String, Double> values = new HashMap<>();
            Map<String, String> spelled = new HashMap<>();
            values.put(Trace.LOSS, r.cells()[lossColumn]);
            spelled.put(Trace.LOSS, "loss");
            if (stepColumn >= 0) {
                values.put(Trace.STEP, r.cells()[stepColumn]);
                spelled.put(Trace.STEP, "step");
            }
            if (epochColumn >= 0) {
                values.put(Trace.EPOCH, r.cells()[epochColumn]);
            } else if (epochs.containsKey(r.line())) {
                values.put(Trace.EPOCH, epochs.get(r.line()));
            }
            if (valColumn >= 0) {
                values.put(Trace.VAL_LOSS, r.cells()[valColumn]);
            }
            records.add(parser.record(r.line(), values, spelled, -1, "numbers", lossRows));
        }
        return new Reading(records, notes);
    }

    /** Every other value at least {@link #INTERLEAVED_RATIO} times every value between them, or the other way. */
    private static boolean interleaved(List<Row> rows) {
        if (rows.size() < MIN_INTERLEAVED) {
            return false;
        }
        double[] even = range(rows, 0);
        double[] odd = range(rows, 1);
        if (even == null || odd == null) {
            return false;
        }
        return odd[0] >= INTERLEAVED_RATIO * even[1] || even[0] >= INTERLEAVED_RATIO * odd[1];
    }

    private static String interleavedNote(List<Row> rows) {
        double[] even = range(rows, 0);
        double[] odd = range(rows, 1);
        return String.format(Locale.ROOT, "no loss named in the log: its lines of one number alternate between two"
                + " scales (lines like %d between %.4g and %.4g, lines like %d between %.4g and %.4g), two quantities"
                + " printed in turn: the first of each pair read as the loss", rows.get(0).line(), even[0],
                even[1], rows.get(1).line(), odd[0], odd[1]);
    }

    /** The least and greatest value of every other row from {@code from}; null when one is not finite and positive. */
    private static double[] range(List<Row> rows, int from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < rows.size(); i += 2) {
            double v = rows.get(i).cells()[0];
            if (!(v > 0) || Double.isInfinite(v)) {
                return null;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    /** A column of whole numbers that counts up (on most rows: a second run may start it again). */
    private static boolean countsUp(List<Row> rows, int column) {
        int up = 0;
        for (int i = 0; i < rows.size(); i++) {
            double v = rows.get(i).cells()[column];
            if (!Double.isFinite(v) || v != Math.rint(v) || v < 0) {
                return false;
            }
            if (i > 0 && v > rows.get(i - 1).cells()[column]) {
                up++;
            }
        }
        return 2 * up >= rows.size() - 1;
    }

    /** Whether every finite value of the column is a whole number, and there is one. */
    private static boolean wholeOnly(List<Row> rows, int column) {
        boolean any = false;
        for (Row r : rows) {
            double v = r.cells()[column];
            if (Double.isFinite(v)) {
                if (v != Math.rint(v)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}
