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
 * Reads a trace written as JSON Lines (one object a step, DESIGN.md) or as one JSON array of such objects.
 * Python's {@code json.dumps} writes bare {@code NaN} and {@code Infinity}, so those are accepted.
 */
final class JsonLinesTraceReader {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .with(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS);

    private record Row(int line, JsonNode node) {
    }

    private JsonLinesTraceReader() {
    }

    static Trace read(String name, BufferedReader in) throws IOException {
        List<Row> rows = new ArrayList<>();
        StringBuilder whole = new StringBuilder();
        String line;
        int lineNo = 0;
        boolean array = false;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1).strip() : line.strip();
            if (rows.isEmpty() && !array && t.startsWith("[")) {
                array = true;
            }
            if (array) {
                whole.append(line).append('\n');
            } else if (!t.isEmpty() && !t.startsWith("#")) {
                rows.add(new Row(lineNo, parse(name, lineNo, t)));
            }
        }
        if (array) {
            JsonNode all = parse(name, 1, whole.toString());
            int i = 0;
            for (JsonNode node : all) {
                rows.add(new Row(++i, node));
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException(name + ": empty file: expected one JSON object per line with 'step' and 'loss'");
        }
        return assemble(name, rows, array);
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

    private static Trace assemble(String name, List<Row> rows, boolean array) {
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
        ColumnMapping mapping = ColumnMapping.of(header);
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
        String stepKey = header.get(mapping.stepIndex());
        TraceAssembler out = new TraceAssembler(name, columns, Map.of());
        for (Row r : rows) {
            JsonNode step = r.node().get(stepKey);
            if (step == null || step.isNull()) {
                throw new BadInputException(name + ":" + where + r.line() + ": no '" + stepKey
                        + "', expected an integer step on every line");
            }
            out.startRow(r.line(), TraceAssembler.parseStep(name, r.line(), step.asText()));
            Iterator<Map.Entry<String, JsonNode>> fields = r.node().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Integer column = target.get(f.getKey());
                if (column == null || column < 0) {
                    continue;
                }
                Double v = value(name, where + r.line(), f.getKey(), f.getValue());
                if (v != null) {
                    out.set(r.line(), column, v);
                }
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
