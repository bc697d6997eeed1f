package dev.keel.diagnose.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a trace written as JSON Lines (one object a step, docs/DESIGN.md) or as one JSON array of such objects; also
 * Hugging Face's {@code trainer_state.json} (one object whose {@code log_history} holds the entries), a Keras
 * history ({@link KerasHistoryJson}) and TensorBoard's JSON download ({@code [[wall_time, step, value], ...]}). Python's {@code json.dumps} writes bare
 * {@code NaN} and {@code Infinity}, so those are accepted.
 */
final class JsonLinesTraceReader {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS);

    /** Hugging Face's trainer_state.json keeps its logged entries under this key. */
    private static final String LOG_HISTORY = "log_history";
    /** ... and its per-device batch size here, which becomes the trace's {@code batch_size} metadata. */
    private static final String TRAIN_BATCH_SIZE = "train_batch_size";
    private static final String BATCH_SIZE = "batch_size";

    private record Row(int line, JsonNode node) {
    }

    private JsonLinesTraceReader() {
    }

    static Trace read(String name, BufferedReader in) throws IOException {
        List<String> lines = in.lines().toList();
        String whole = String.join("\n", lines);
        if (!whole.isEmpty() && whole.charAt(0) == '\uFEFF') {
            whole = whole.substring(1);
        }
        String trimmed = whole.strip();
        List<Row> rows = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        boolean array = trimmed.startsWith("[");
        JsonNode single = trimmed.startsWith("{") ? onlyValue(trimmed) : null;
        if (array) {
            JsonNode all = parse(name, 1, trimmed);
            int i = 0;
            for (JsonNode node : all) {
                rows.add(new Row(++i, tensorBoardTriple(node) ? tensorBoardRow(node) : node));
            }
        } else if (KerasHistoryJson.matches(single)) {
            array = true;
            metadata.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
            notes.add(KerasHistoryJson.NOTE);
            int i = 0;
            for (JsonNode node : KerasHistoryJson.rows(name, single)) {
                rows.add(new Row(++i, node));
            }
        } else if (single != null && single.path(LOG_HISTORY).isArray()) {
            array = true;
            // The Trainer logs tr_loss / (steps since the last log): the mean over logging_steps batches.
            metadata.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_WINDOW_MEAN);
            if (single.path(TRAIN_BATCH_SIZE).isIntegralNumber()) {
                metadata.put(BATCH_SIZE, single.get(TRAIN_BATCH_SIZE).asText()); // a knob keel report shows
            }
            int i = 0;
            for (JsonNode node : single.get(LOG_HISTORY)) {
                rows.add(new Row(++i, node));
            }
            if (rows.isEmpty()) {
                throw new BadInputException(name + ": '" + LOG_HISTORY + "' is empty: expected the logged steps of"
                        + " a Hugging Face trainer_state.json");
            }
            // In log_history, train_loss is only the closing summary's mean over all of training: no curve.
            if (rows.stream().noneMatch(r -> r.node().has("loss"))
                    && rows.stream().anyMatch(r -> r.node().has("train_loss"))) {
                throw new BadInputException(name + ": no per-step loss in '" + LOG_HISTORY + "', only the closing"
                        + " summary's train_loss (the mean over all of training), which keel does not diagnose;"
                        + " expected entries with 'loss' (the Trainer logs them every logging_steps)");
            }
        } else if (single != null && lines.stream().filter(l -> !l.isBlank()).count() > 1) {
            rows.add(new Row(1, single)); // one object spread over several lines
        } else {
            int lineNo = 0;
            for (String line : lines) {
                lineNo++;
                String t = lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1).strip() : line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    rows.add(new Row(lineNo, parse(name, lineNo, t)));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(name + ": empty file: expected one JSON object per line with 'step' and 'loss'");
        }
        return assemble(name, rows, array, metadata, notes);
    }

    /**
     * Whether text that starts like JSON is JSON: its first line is a JSON value (JSON Lines) or the whole text is one.
     * Printed logs can start with a brace or a bracket too ({@code {'loss': 0.5}}, {@code [1,  2000] loss: 2.2}).
     */
    static boolean isJson(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String first = t.strip().lines().findFirst().orElse("");
        return onlyValue(first) != null || onlyValue(t.strip()) != null;
    }

    /** The text as one JSON value, or {@code null} when it is not exactly one (JSON Lines, broken JSON). */
    private static JsonNode onlyValue(String text) {
        try (com.fasterxml.jackson.core.JsonParser parser = READER.createParser(text)) {
            JsonNode node = READER.readTree(parser);
            return parser.nextToken() == null ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** TensorBoard's JSON download: {@code [wall_time, step, value]}. */
    private static boolean tensorBoardTriple(JsonNode node) {
        return node.isArray() && node.size() == 3 && node.get(1).isNumber()
                && (node.get(2).isNumber() || node.get(2).isTextual());
    }

    private static JsonNode tensorBoardRow(JsonNode triple) {
        com.fasterxml.jackson.databind.node.ObjectNode row = Json.mapper().createObjectNode();
        row.set("step", triple.get(1));
        row.set("loss", triple.get(2));
        return row;
    }

    private static JsonNode parse(String name, int line, String text) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(name + ":" + line + ": not valid JSON (" + e.getOriginalMessage()
                    + "), expected one object per line like {\"step\": 1, \"loss\": 0.5}");
        } catch (IOException e) {
            throw new BadInputException(name + ":" + line + ": not valid JSON, expected one object per line");
        }
    }

    private static Trace assemble(String name, List<Row> rows, boolean array, Map<String, String> metadata,
                                  List<String> notes) {
        String where = array ? "element " : "";
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Row r : rows) {
            if (!r.node().isObject()) {
                throw new BadInputException(name + ":" + where + r.line() + ": expected a JSON object like"
                        + " {\"step\": 1, \"loss\": 0.5}");
            }
            r.node().fieldNames().forEachRemaining(keys::add);
        }
        List<String> header = List.copyOf(keys);
        int[] filled = new int[header.size()];
        for (Row r : rows) {
            for (int i = 0; i < header.size(); i++) {
                JsonNode v = r.node().get(header.get(i));
                if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().isBlank())) {
                    filled[i]++;
                }
            }
        }
        ColumnMapping mapping = ColumnMapping.of(header, filled);
        TraceReader.checkHeader(name, rows.get(0).line(), mapping, header);
        TraceReader.warnUnknown(name, mapping.unknown());
        List<String> columns = mapping.traceColumns();
        Map<String, Integer> target = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String canonical = mapping.name(i);
            if (canonical != null && i != mapping.stepIndex()) {
                target.put(header.get(i), columns.indexOf(canonical));
            }
        }
        boolean inOrder = mapping.stepSource() == ColumnMapping.StepSource.NONE;
        String stepKey = inOrder ? null : header.get(mapping.stepIndex());
        mapping.impliedMetadata().forEach(metadata::putIfAbsent);
        TraceAssembler out = TraceReader.assembler(name, mapping, columns, metadata);
        notes.forEach(out::note);
        if (inOrder) {
            out.note(TraceReader.ROWS_IN_ORDER);
        }
        long rowNo = 0;
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (Row r : rows) {
            cols.clear();
            vals.clear();
            Iterator<Map.Entry<String, JsonNode>> fields = r.node().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Integer column = target.get(f.getKey());
                if (column == null || column < 0) {
                    continue;
                }
                Double v = value(name, where + r.line(), f.getKey(), f.getValue());
                if (v != null) {
                    cols.add(column);
                    vals.add(v);
                }
            }
            if (cols.isEmpty()) {
                continue; // an entry of keys keel does not read (Hugging Face's closing summary)
            }
            if (inOrder) {
                out.startRow(r.line(), ++rowNo);
            } else {
                JsonNode step = r.node().get(stepKey);
                if (step == null || step.isNull()) {
                    throw new BadInputException(name + ":" + where + r.line() + ": no '" + stepKey
                            + "', expected an integer step on every line");
                }
                out.startRow(r.line(), TraceAssembler.parseStep(name, r.line(), step.asText()));
            }
            for (int k = 0; k < cols.size(); k++) {
                out.set(r.line(), cols.get(k), vals.get(k));
            }
        }
        return out.build();
    }

    private static Double value(String name, String line, String key, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue().isBlank() ? null : parseText(name, line, key, node.textValue());
        }
        throw new BadInputException(name + ":" + line + ": '" + key + "' holds " + node.getNodeType()
                .toString().toLowerCase(Locale.ROOT) + ", expected a number");
    }

    private static double parseText(String name, String line, String key, String text) {
        double v = TraceReader.parseNumber(text);
        if (Double.isNaN(v) && !TraceReader.isNaNSpelling(text)) {
            throw new BadInputException(name + ":" + line + ": '" + key + "' holds '" + text
                    + "', expected a number (NaN, inf and null are allowed)");
        }
        return v;
    }
}
