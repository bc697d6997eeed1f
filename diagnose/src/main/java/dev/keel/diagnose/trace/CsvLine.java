package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells. Quoted cells ({@code "a,b"}, {@code "say ""hi"""}) are tolerated because
 * pandas and spreadsheet exports quote headers and numbers; a cell never spans lines in a trace.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** The cells of {@code line}, unquoted; {@code null} if a quote is left open. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
