package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a trace file. Errors a user can fix are {@link BadInputException}s whose one-line message names
 * the file and line.
 */
public final class TraceReader {
    private TraceReader() {
    }

    public static Trace read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(file.toString(), in);
        }
    }

    static Trace readCsv(String name, BufferedReader in) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        String[] header = null;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.startsWith("#")) {
                parseMetadata(line.substring(1), metadata);
            } else if (!line.isBlank()) {
                header = line.split(",", -1);
                break;
            }
        }
        if (header == null) {
            throw new BadInputException(name + ": empty file: expected a header row with 'step' and 'loss'");
        }
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].trim();
        }
        int stepCol = indexOf(header, Trace.STEP);
        if (stepCol < 0 || indexOf(header, Trace.LOSS) < 0) {
            throw new BadInputException(name + ":" + lineNo + ": header needs columns 'step' and 'loss', found "
                    + String.join(",", header));
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (i != stepCol) {
                columns.add(header[i]);
            }
        }
        Trace.Builder b = Trace.builder(columns);
        b.metadataAll(metadata);
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new BadInputException(name + ":" + lineNo + ": " + cells.length + " cells, the header has "
                        + header.length);
            }
            long step;
            try {
                step = Long.parseLong(cells[stepCol].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException(name + ":" + lineNo + ": step '" + cells[stepCol]
                        + "' is not an integer");
            }
            if (b.rows() > 0 && step <= b.lastStep()) {
                throw new BadInputException(name + ":" + lineNo + ": step " + step + " does not increase (after "
                        + b.lastStep() + ")");
            }
            b.addRow(step);
            int c = 0;
            for (int i = 0; i < cells.length; i++) {
                if (i == stepCol) {
                    continue;
                }
                String cell = cells[i].trim();
                if (!cell.isEmpty()) {
                    double v = parseNumber(cell);
                    if (Double.isNaN(v) && !isNaNSpelling(cell)) {
                        throw new BadInputException(name + ":" + lineNo + ": column '" + header[i] + "' holds '"
                                + cell + "', not a number (NaN, inf and empty cells are allowed)");
                    }
                    b.set(c, v);
                }
                c++;
            }
        }
        return b.build();
    }

    private static void parseMetadata(String text, Map<String, String> metadata) {
        for (String token : text.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                metadata.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses a number in any spelling Java, Python or R writes, non-finite ones included
     * ({@code NaN}, {@code nan}, {@code inf}, {@code +inf}, {@code -Infinity}, case-insensitive).
     * Returns NaN for text that is not a number; callers tell that apart with {@link #isNaNSpelling}.
     */
    public static double parseNumber(String cell) {
        String s = cell.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan", "na" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }

    public static boolean isNaNSpelling(String cell) {
        String lower = cell.trim().toLowerCase(Locale.ROOT);
        return lower.equals("nan") || lower.equals("+nan") || lower.equals("-nan") || lower.equals("na");
    }
}
