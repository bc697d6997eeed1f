package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a trace file: keel's CSV, JSON Lines (by extension {@code .jsonl}/{@code .json} or by content), a Keras
 * {@code CSVLogger} file or a TensorBoard scalar export (docs/DESIGN.md, "The trace"); a notebook ({@code .ipynb}) and any
 * other file that is neither JSON nor a CSV with a loss column are read as printed training output. Errors a user can fix are
 * {@link BadInputException}s whose one-line message names the file and line and says what was expected.
 */
public final class TraceReader {
    private static final Logger LOG = LoggerFactory.getLogger(TraceReader.class);

    /** The note on a log whose rows carry no step: a per-epoch CSV of {@code loss,val_loss}, a bare loss list. */
    static final String ROWS_IN_ORDER = "no step or epoch column: rows read in order, one step each";

    private TraceReader() {
    }

    public static Trace read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, expected a trace file (.csv or .jsonl)");
        }
        String text;
        try {
            text = InputFiles.readString(file, InputFiles.TRACE_LIMIT, "a trace file (.csv or .jsonl)");
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": cannot be read (permission denied)");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not a UTF-8 text file, expected a trace in CSV or JSON Lines");
        }
        return read(file.toString(), text);
    }

    /**
     * Reads a trace from a file's text, taken by the file's name as {@link #read(Path)} takes it (a notebook, JSON, a
     * CSV or printed output): for a file read apart from its path, as {@code keel diagnose --follow} reads a log that is
     * still being written.
     */
    public static Trace read(String name, String text) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ipynb")) {
            return NotebookReader.read(name, text);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
            return read(name, new StringReader(text), true);
        }
        if (lower.endsWith(".csv")) {
            if (!looksLikeJson(text) && startsWithNumbers(text)) {
                return PrintedLogReader.read(name, text); // no header: rows of numbers (np.savetxt), read as such
            }
            return read(name, new StringReader(text), looksLikeJson(text));
        }
        // A .log, .txt, .out or any other file: JSON or a CSV by what it holds, else what a training script printed.
        if (looksLikeJson(text) && JsonLinesTraceReader.isJson(text)) {
            return read(name, new StringReader(text), true);
        }
        if (isCsvWithLoss(text)) {
            return read(name, new StringReader(text), false);
        }
        return PrintedLogReader.read(name, text);
    }

    /** Whether the first line that is not metadata is a CSV header with a loss column ({@code epoch,loss,...}). */
    private static boolean isCsvWithLoss(String text) {
        for (String line : text.lines().toList()) {
            String t = line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (t.isBlank() || t.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvLine.split(t);
            if (cells == null) {
                return false;
            }
            boolean header = cells.size() > 1 || ColumnNames.canonical(cells.get(0)) != null;
            return header && ColumnMapping.of(cells).hasLoss();
        }
        return false;
    }

    /** Whether the first line that is not metadata is all numbers: a CSV without a header. */
    private static boolean startsWithNumbers(String text) {
        for (String line : text.lines().toList()) {
            String t = line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (t.isBlank() || t.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvLine.split(t);
            return cells != null && cells.stream().allMatch(c -> !Double.isNaN(parseNumber(c)) || isNaNSpelling(c));
        }
        return false;
    }

    /** Reads a trace from text; {@code name} is used in messages. */
    public static Trace read(String name, Reader text, boolean jsonLines) throws IOException {
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
        return jsonLines ? JsonLinesTraceReader.read(name, in) : readCsv(name, in);
    }

    static Trace readCsv(String name, BufferedReader in) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        List<String> header = null;
        int headerLine = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            line = stripBom(line, lineNo);
            if (line.startsWith("#")) {
                parseMetadata(line.substring(1), metadata);
            } else if (!line.isBlank()) {
                header = CsvLine.split(line);
                headerLine = lineNo;
                break;
            }
        }
        if (header == null) {
            throw new BadInputException(name + ": empty file: expected a header row with 'step' and 'loss'");
        }
        if (header.size() == 1 && header.get(0).contains(";")) {
            throw new BadInputException(name + ":" + lineNo + ": cells are separated by ';', expected ','");
        }
        // The rows are read twice: once to count the values of each column (of two spellings of one column, the one
        // with values on more rows is read), then to take them.
        List<String> lines = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        int[] filled = new int[header.size()];
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = CsvLine.split(line);
            if (cells == null) {
                throw new BadInputException(name + ":" + lineNo + ": a quote is not closed, expected \"...\"");
            }
            if (cells.size() != header.size()) {
                throw new BadInputException(name + ":" + lineNo + ": " + cells.size() + " cells, expected "
                        + header.size() + " as in the header");
            }
            for (int i = 0; i < cells.size(); i++) {
                if (!cells.get(i).isBlank()) {
                    filled[i]++;
                }
            }
            lines.add(line);
            lineNos.add(lineNo);
        }
        ColumnMapping mapping = ColumnMapping.of(header, filled);
        if (!mapping.hasLoss()) {
            LongFormat.Pivot pivot = LongFormat.pivot(header, lines);
            if (pivot != null) {
                StringBuilder text = new StringBuilder();
                metadata.forEach((k, v) -> text.append("# ").append(k).append('=').append(v).append('\n'));
                Trace t = readCsv(name, new BufferedReader(new StringReader(text + pivot.csv())));
                List<String> notes = new ArrayList<>(pivot.notes());
                notes.addAll(t.notes());
                return new Trace(t.metadata(), t.steps(), t.columns(), notes);
            }
        }
        checkHeader(name, headerLine, mapping, header);
        warnUnknown(name, mapping.unknown());
        mapping.impliedMetadata().forEach(metadata::putIfAbsent);
        List<String> columns = mapping.traceColumns();
        int[] target = new int[mapping.width()];
        for (int i = 0; i < target.length; i++) {
            String canonical = mapping.name(i);
            target[i] = canonical == null || i == mapping.stepIndex() ? -1 : columns.indexOf(canonical);
        }
        TraceAssembler rows = assembler(name, mapping, columns, metadata);
        boolean inOrder = mapping.stepSource() == ColumnMapping.StepSource.NONE;
        if (inOrder) {
            rows.note(ROWS_IN_ORDER);
        }
        long rowNo = 0;
        int withoutEpoch = 0;
        double[] values = new double[header.size()];
        boolean[] given = new boolean[header.size()];
        for (int r = 0; r < lines.size(); r++) {
            int at = lineNos.get(r);
            List<String> cells = CsvLine.split(lines.get(r));
            boolean any = false;
            for (int i = 0; i < cells.size(); i++) {
                Double v = target[i] < 0 ? null
                        : TraceAssembler.parseValue(name, at, header.get(i).trim(), cells.get(i));
                given[i] = v != null;
                values[i] = v == null ? 0 : v;
                any |= given[i];
            }
            if (!any) {
                continue; // a row of columns keel does not read (Lightning's per-batch validation)
            }
            if (inOrder) {
                rows.startRow(at, ++rowNo);
            } else {
                String stepCell = cells.get(mapping.stepIndex());
                if (stepCell.isBlank() && mapping.lossIsEpochMean()) {
                    withoutEpoch++; // a learning-rate monitor writes its rows with a step and no epoch
                    continue;
                }
                if (stepCell.isBlank()) {
                    throw new BadInputException(name + ":" + at + ": the step cell is empty, expected an integer");
                }
                rows.startRow(at, TraceAssembler.parseStep(name, at, stepCell));
            }
            for (int i = 0; i < cells.size(); i++) {
                if (given[i]) {
                    rows.set(at, target[i], values[i]);
                }
            }
        }
        if (withoutEpoch > 0) {
            rows.note(withoutEpoch + " row" + (withoutEpoch == 1 ? "" : "s") + " without an epoch not read (rows are"
                    + " one an epoch)");
        }
        return rows.build();
    }

    /** An assembler for rows mapped by {@code mapping}, with the mapping's notes. */
    static TraceAssembler assembler(String name, ColumnMapping mapping, List<String> columns,
                                    Map<String, String> metadata) {
        int[] parts = new int[columns.size()];
        for (int c = 0; c < parts.length; c++) {
            parts[c] = mapping.parts(columns.get(c));
        }
        TraceAssembler rows = new TraceAssembler(name, columns, metadata, parts, mapping.lossIsEpochMean());
        mapping.notes().forEach(rows::note);
        return rows;
    }

    static void checkHeader(String name, int lineNo, ColumnMapping mapping, List<String> header) {
        if (!mapping.hasLoss()) {
            throw new BadInputException(name + ":" + lineNo + ": no loss column, expected 'loss' (or 'train_loss');"
                    + " found " + String.join(",", header));
        }
    }

    static void warnUnknown(String name, List<String> unknown) {
        if (!unknown.isEmpty()) {
            LOG.warn("{}: ignoring {} column{} keel does not read: {}", name, unknown.size(),
                    unknown.size() == 1 ? "" : "s", String.join(", ", unknown));
        }
    }

    private static String stripBom(String line, int lineNo) {
        return lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static boolean looksLikeJson(String text) {
        for (String line : text.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("\uFEFF")) {
                t = t.substring(1);
            }
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t.startsWith("{") || t.startsWith("[");
            }
        }
        return false;
    }

    /**
     * {@code # key=value key2=value2}: pairs split where white space is followed by the next {@code key=}, so a
     * value with spaces of its own ({@code early_stopping={patience: 5, min_delta: 1.0E-4}}) stays whole.
     */
    private static void parseMetadata(String text, Map<String, String> metadata) {
        for (String token : text.trim().split("\\s+(?=[A-Za-z_][\\w.\\-/]*=)")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                metadata.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
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
                // Double.parseDouble also takes "1d", "0x1p3" and padding: a trace cell is plainer than that.
                if (lower.isEmpty() || !isPlainNumber(lower)) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
    }

    private static boolean isPlainNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isNaNSpelling(String cell) {
        String lower = cell.trim().toLowerCase(Locale.ROOT);
        return lower.equals("nan") || lower.equals("+nan") || lower.equals("-nan") || lower.equals("na");
    }
}
