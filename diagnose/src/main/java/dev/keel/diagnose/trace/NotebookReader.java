package dev.keel.diagnose.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Jupyter notebook ({@code .ipynb}, nbformat 4) as the printed log of its code cells: each cell's outputs in
 * order (stream text; a result's {@code text/plain}, or its HTML tables, which is how fastai and Hugging Face show
 * their epoch tables), read by {@link PrintedLogReader}. A notebook often trains more than once (a quick try, then
 * the real run); the cell whose log has the most loss rows is read, and a note names it.
 */
final class NotebookReader {
    private static final Pattern TABLE = Pattern.compile("(?is)<table\\b.*?</table>");
    private static final Pattern ROW = Pattern.compile("(?is)<tr\\b.*?</tr>");
    private static final Pattern CELL = Pattern.compile("(?is)<t[hd]\\b[^>]*>(.*?)</t[hd]>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private NotebookReader() {
    }

    static Trace read(String name, String text) {
        JsonNode notebook;
        try {
            notebook = Json.mapper().readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(name + ": not valid JSON (" + e.getOriginalMessage()
                    + "), expected a Jupyter notebook");
        }
        if (notebook == null || !notebook.path("cells").isArray()) {
            throw new BadInputException(name + ": no 'cells', expected a Jupyter notebook (nbformat 4)");
        }
        Trace best = null;
        PrintedLogReader.Tier bestTier = null;
        int bestCell = 0;
        String bestCount = null;
        int training = 0;
        int index = 0;
        for (JsonNode cell : notebook.get("cells")) {
            index++;
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            PrintedLogReader.Reading reading = PrintedLogReader.readOrNull(output(cell));
            if (reading == null) {
                continue;
            }
            Trace trace = reading.trace();
            if (bestTier == null || reading.tier().compareTo(bestTier) < 0) {
                training = 0; // a cell that names its training loss beats cells read by a guess
                best = null;
                bestTier = reading.tier();
            } else if (reading.tier() != bestTier) {
                continue;
            }
            training++;
            if (best == null || trace.size() > best.size()) {
                best = trace;
                bestCell = index;
                JsonNode count = cell.path("execution_count");
                bestCount = count.isNumber() ? count.asText() : null;
            }
        }
        if (best == null) {
            throw new BadInputException(name + ": no training loss in any cell's output, expected a notebook whose"
                    + " cells print a training log with 'loss' values");
        }
        List<String> notes = new ArrayList<>();
        String which = "cell " + bestCell + (bestCount == null ? "" : " (In [" + bestCount + "])");
        notes.add(training == 1 ? "read the output of notebook " + which
                : String.format(Locale.ROOT, "%d cells print a training log: read %s, the one with the most loss rows"
                        + " (%d)", training, which, best.size()));
        notes.addAll(best.notes());
        return new Trace(best.metadata(), best.steps(), best.columns(), notes);
    }

    /** A cell's outputs as one text; a change of stream (stdout, stderr) starts a new line. */
    static String output(JsonNode cell) {
        StringBuilder out = new StringBuilder();
        String stream = null;
        for (JsonNode o : cell.path("outputs")) {
            String type = o.path("output_type").asText();
            String chunk;
            if (type.equals("stream")) {
                chunk = text(o.path("text"));
                if (stream != null && !stream.equals(o.path("name").asText())) {
                    newLine(out);
                }
                stream = o.path("name").asText();
            } else if (type.equals("execute_result") || type.equals("display_data")) {
                String html = text(o.path("data").path("text/html"));
                String tables = tables(html);
                chunk = tables.isEmpty() ? text(o.path("data").path("text/plain")) : tables;
                newLine(out);
                stream = null;
            } else {
                continue; // an error's traceback says nothing about the training
            }
            out.append(chunk);
            if (stream == null) {
                newLine(out);
            }
        }
        return out.toString();
    }

    /** The rows of the HTML tables, one line a row, cells separated by tabs. */
    static String tables(String html) {
        StringBuilder out = new StringBuilder();
        Matcher table = TABLE.matcher(html);
        while (table.find()) {
            Matcher row = ROW.matcher(table.group());
            while (row.find()) {
                List<String> cells = new ArrayList<>();
                Matcher cell = CELL.matcher(row.group());
                while (cell.find()) {
                    cells.add(unescape(TAG.matcher(cell.group(1)).replaceAll("")).strip());
                }
                out.append(String.join("\t", cells)).append('\n');
            }
        }
        return out.toString();
    }

    private static String unescape(String s) {
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** nbformat stores multi-line text as a list of lines (each with its newline) or as one string. */
    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : node) {
            sb.append(part.asText());
        }
        return sb.toString();
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
