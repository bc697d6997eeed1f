package dev.keel.diagnose.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A table printed one row an epoch under a header of column names: fastai's
 * {@code epoch  train_loss  valid_loss  accuracy  time}, a printed pandas {@code DataFrame} of a Keras history (rows
 * led by their index), or Hugging Face's notebook table ({@code Step, Training Loss, Validation Loss}; cells come
 * tab-separated from its HTML). Columns are named through {@link ColumnMapping}, as in a CSV file.
 */
final class PrintedTable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][\\w/ ]*");
    private static final Pattern TIME = Pattern.compile("\\d+:\\d{2}(:\\d{2})?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Characters no header of names holds; most printed lines have one, and are turned away at once. */
    private static final String NOT_IN_A_HEADER = ":=,[]{}()%|'\"<>";
    /** Cells that stand for "no value": fastai's missing validation, Hugging Face's loss before its first log. */
    private static final List<String> ABSENT = List.of("#na#", "no log", "");
    /** Characters that frame a header printed by hand ({@code *****train_loss,valid_loss*****}). */
    private static final String DECORATION = "*=-#~ \t";

    private final List<String> header;
    private final ColumnMapping mapping;
    /** The rows' shape: tables with the same header are one kind, however often the header is printed again. */
    private final String shape;

    private PrintedTable(List<String> header, ColumnMapping mapping) {
        this.header = header;
        this.mapping = mapping;
        this.shape = ("table:" + String.join("|", header)).toLowerCase(Locale.ROOT);
    }

    /**
     * The table whose header is {@code text}, or null: at least two names keel reads, one a training loss. The names
     * are separated by spaces, tabs or commas ({@code train_loss,train_acc,valid_loss}, a CSV header printed by
     * hand), and a decoration around them ({@code *****train_loss,valid_loss*****}, {@code === loss acc ===}) is not
     * part of them.
     */
    static PrintedTable header(int lineNo, String text) {
        String t = undecorated(text);
        boolean commas = t.indexOf(',') >= 0 && t.indexOf('\t') < 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (NOT_IN_A_HEADER.indexOf(c) >= 0 && !(commas && c == ',')) {
                return null;
            }
        }
        List<String> cells = commas ? Arrays.stream(t.split(",")).map(String::strip).toList() : cells(t);
        if (cells.size() < 2) {
            return null;
        }
        int known = 0;
        for (String cell : cells) {
            if (!IDENTIFIER.matcher(cell).matches()) {
                return null;
            }
            if (ColumnNames.canonical(cell) != null) {
                known++;
            }
        }
        ColumnMapping mapping = ColumnMapping.of(cells);
        return known >= 2 && mapping.hasLoss() && !mapping.lossFromValidation()
                ? new PrintedTable(cells, mapping) : null;
    }

    /** The text without a run of decoration characters at either end. */
    private static String undecorated(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && DECORATION.indexOf(text.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && DECORATION.indexOf(text.charAt(to - 1)) >= 0) {
            to--;
        }
        return text.substring(from, to);
    }

    /** The record of a row of this table, or null when {@code text} is not one. */
    PrintedRecord row(PrintedRecordParser parser, int lineNo, String text) {
        List<String> cells = cells(text);
        int offset = cells.size() - header.size();
        if (offset != 0 && !(offset == 1 && cells.get(0).matches("\\d+"))) {
            return null;
        }
        Map<String, Double> values = new HashMap<>();
        Map<String, String> spelled = new HashMap<>();
        Map<String, Integer> given = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = cells.get(i + offset).trim();
            String lower = cell.toLowerCase(Locale.ROOT);
            boolean number = !Double.isNaN(TraceReader.parseNumber(cell)) || TraceReader.isNaNSpelling(cell);
            if (!number && !ABSENT.contains(lower) && !TIME.matcher(cell).matches()) {
                return null;
            }
            String name = mapping.name(i);
            if (name == null) {
                continue;
            }
            boolean summed = mapping.parts(name) > 1;
            if (!spelled.containsKey(name) || summed) {
                spelled.putIfAbsent(name, header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
                if (number) {
                    double v = TraceReader.parseNumber(cell);
                    boolean metric = name.equals(Trace.TRAIN_METRIC) || name.equals(Trace.VAL_METRIC);
                    if (metric && v > 1 && v <= 100) {
                        v /= 100; // an accuracy printed in percent, as on printed lines
                    }
                    values.merge(name, v, Double::sum);
                    given.merge(name, 1, Integer::sum);
                }
            }
        }
        given.forEach((name, n) -> {
            if (n < mapping.parts(name)) {
                values.remove(name); // a loss in parts with a part missing has no value
            }
        });
        if (values.isEmpty()) {
            return null;
        }
        String lossRows = mapping.impliedMetadata().get(Trace.LOSS_ROWS);
        return parser.record(lineNo, values, spelled, -1, shape, lossRows);
    }

    /**
     * The cells of a line: separated by tabs if it has any, else by commas if it has any, else by spaces. What is
     * left of a progress bar at the start ({@code ██}) is not a cell.
     */
    private static List<String> cells(String text) {
        int from = 0;
        while (from < text.length() && (Character.isWhitespace(text.charAt(from)) || isBlock(text.charAt(from)))) {
            from++;
        }
        String t = text.substring(from).strip();
        if (t.indexOf('\t') >= 0) {
            return Arrays.stream(t.split("\t")).map(String::strip).toList();
        }
        return t.indexOf(',') >= 0 ? Arrays.stream(t.split(",")).map(String::strip).toList() : List.of(SPACES.split(t));
    }

    /** Box-drawing and block characters, which progress bars are drawn with. */
    static boolean isBlock(char c) {
        return c >= '\u2500' && c <= '\u259F';
    }
}
