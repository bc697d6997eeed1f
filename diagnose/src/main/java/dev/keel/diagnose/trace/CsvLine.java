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
        if (line.indexOf('"') < 0) {
            // Traces keel writes never quote: cut at the commas without copying character by character (reading a
            // 1,000-trial report's traces spent a quarter of its time in the loop below).
            List<String> cells = new ArrayList<>();
            int start = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
                cells.add(line.substring(start, comma));
                start = comma + 1;
            }
            cells.add(line.substring(start));
            return cells;
        }
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
