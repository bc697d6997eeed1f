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

    private final int headerLine;
    private final List<String> header;
    private final ColumnMapping mapping;

    private PrintedTable(int headerLine, List<String> header, ColumnMapping mapping) {
        this.headerLine = headerLine;
        this.header = header;
        this.mapping = mapping;
    }

    /** The table whose header is {@code text}, or null: at least two names keel reads, one a training loss. */
    static PrintedTable header(int lineNo, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (NOT_IN_A_HEADER.indexOf(text.charAt(i)) >= 0) {
                return null;
            }
        }
        List<String> cells = cells(text);
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
        return known >= 2 && mapping.hasLoss() ? new PrintedTable(lineNo, cells, mapping) : null;
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
        for (int i = 0; i < header.size(); i++) {
            String cell = cells.get(i + offset).trim();
            String lower = cell.toLowerCase(Locale.ROOT);
            boolean number = !Double.isNaN(TraceReader.parseNumber(cell)) || TraceReader.isNaNSpelling(cell);
            if (!number && !ABSENT.contains(lower) && !TIME.matcher(cell).matches()) {
                return null;
            }
            String name = mapping.name(i);
            if (name != null && !spelled.containsKey(name)) {
                spelled.put(name, header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
                if (number) {
                    values.put(name, TraceReader.parseNumber(cell));
                }
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        String lossRows = mapping.impliedMetadata().get(Trace.LOSS_ROWS);
        return parser.record(lineNo, values, spelled, -1, "table@" + headerLine, lossRows);
    }

    private static List<String> cells(String text) {
        String t = text.strip();
        return t.indexOf('\t') >= 0 ? Arrays.stream(t.split("\t")).map(String::strip).toList()
                : List.of(SPACES.split(t));
    }
}
