package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads comma-separated text as RFC 4180 describes it: a cell may be quoted, a quoted cell may hold
 * commas, line breaks and doubled quotes ({@code ""} for one {@code "}); records end with CRLF, LF or CR.
 * Beyond the RFC, because real exports do it: a UTF-8 byte-order mark is skipped, blank lines are skipped,
 * cells are trimmed, a quote inside an unquoted cell ({@code 5"}) is kept as text, and text that is not
 * UTF-8 is read as Latin-1.
 */
final class CsvParser {
    private CsvParser() {
    }

    static CsvTable parse(byte[] bytes, String origin) {
        List<CsvTable.Row> records = records(decode(bytes, origin), origin);
        if (records.isEmpty()) {
            throw new BadInputException(origin + " is empty: expected a header row of column names, then one row per example");
        }
        List<String> header = List.of(records.get(0).cells());
        checkHeader(header, origin);
        List<CsvTable.Row> rows = records.subList(1, records.size());
        if (rows.isEmpty()) {
            throw new BadInputException(origin + " has a header row but no data rows: expected one row per example below it");
        }
        for (CsvTable.Row row : rows) {
            if (row.cells().length != header.size()) {
                throw new BadInputException(origin + " line " + row.line() + ": " + row.cells().length
                        + " cells, but the header has " + header.size() + " columns"
                        + " (a cell holding a comma must be quoted: \"a,b\")");
            }
        }
        return new CsvTable(origin, header, rows);
    }

    private static String decode(byte[] bytes, String origin) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new BadInputException(origin + " is not a CSV text file (binary data at byte " + i
                        + "): expected comma-separated text");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Spreadsheet exports in Latin-1 are common; every byte is a Latin-1 character, so this cannot fail.
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void checkHeader(List<String> header, String origin) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new BadInputException(origin + " line 1: column " + (c + 1)
                        + " has no name; expected a header row naming every column");
            }
            Integer before = seen.putIfAbsent(name, c);
            if (before != null) {
                throw new BadInputException(origin + " line 1: the header names column " + Cells.quote(name)
                        + " twice (columns " + (before + 1) + " and " + (c + 1) + "); expected unique names");
            }
        }
    }

    /** Every non-blank record, header included. */
    static List<CsvTable.Row> records(String text, String origin) {
        List<CsvTable.Row> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean inQuotes = false;
        boolean afterQuote = false;
        boolean cellStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (inQuotes) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                        afterQuote = true;
                    }
                } else {
                    if (ch == '\n' || (ch == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
                afterQuote = false;
                cellStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(out, cells, cell, cellStarted, recordLine);
                afterQuote = false;
                cellStarted = false;
                line++;
                recordLine = line;
            } else if (ch == '"' && cell.toString().isBlank() && !afterQuote) {
                cell.setLength(0);
                inQuotes = true;
                cellStarted = true;
                quoteLine = line;
            } else if (afterQuote) {
                if (!Character.isWhitespace(ch)) {
                    throw new BadInputException(origin + " line " + line + ": text " + Cells.quote(String.valueOf(ch))
                            + " after a closing quote in cell " + (cells.size() + 1)
                            + "; expected a comma or the end of the line (write a quote inside a quoted cell as \"\")");
                }
            } else {
                cell.append(ch);
            }
        }
        if (inQuotes) {
            throw new BadInputException(origin + " line " + quoteLine + ": a quoted cell opened on this line is never closed;"
                    + " expected a closing \" (write a quote inside a quoted cell as \"\")");
        }
        endRecord(out, cells, cell, cellStarted, recordLine);
        return out;
    }

    private static void endRecord(List<CsvTable.Row> out, List<String> cells, StringBuilder cell, boolean cellStarted,
                                  int recordLine) {
        String last = cell.toString().strip();
        boolean blankLine = cells.isEmpty() && !cellStarted && last.isEmpty();
        if (!blankLine) {
            cells.add(last);
            out.add(new CsvTable.Row(recordLine, cells.toArray(new String[0])));
        }
        cells.clear();
        cell.setLength(0);
    }
}
