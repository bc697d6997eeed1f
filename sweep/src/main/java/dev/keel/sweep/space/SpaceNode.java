package dev.keel.sweep.space;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value of the space file under a dotted key, with typed reads whose errors say
 * {@code FILE:LINE: key 'K': what was expected}. A key whose value is null counts as absent.
 */
final class SpaceNode {
    /** The most characters of a wrong value an error repeats. */
    private static final int ECHOED = 80;

    private final JsonNode node;
    private final String key;
    private final Origin origin;

    /** Where the space came from: a file name and the line of each key, or a map without lines. */
    record Origin(String name, Map<String, Integer> lines) {
        BadInputException at(String key, String problem) {
            Integer line = null;
            for (String k = key; line == null && k != null; k = parent(k)) {
                line = lines.get(k);
            }
            String where = line == null ? name : name + ":" + line;
            return new BadInputException(key.isEmpty() ? where + ": " + problem
                    : where + ": key '" + key + "': " + problem);
        }

        private static String parent(String key) {
            if (key.isEmpty()) {
                return null;
            }
            int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
            return cut < 0 ? "" : key.substring(0, cut);
        }
    }

    SpaceNode(JsonNode node, String key, Origin origin) {
        this.node = node;
        this.key = key;
        this.origin = origin;
    }

    String key() {
        return key;
    }

    boolean absent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    BadInputException error(String problem) {
        return origin.at(key, problem);
    }

    BadInputException error(SpaceKeyException e) {
        return origin.at(e.key(), e.problem());
    }

    SpaceNode get(String field) {
        return new SpaceNode(node == null ? null : node.get(field), key.isEmpty() ? field : key + "." + field, origin);
    }

    /** The fields of a mapping, in file order; an error naming the first key not in {@code allowed}. */
    Map<String, SpaceNode> fields(List<String> allowed, String expected) {
        if (!node.isObject()) {
            throw error("expected " + expected + ", got " + describe());
        }
        Map<String, SpaceNode> fields = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            SpaceNode child = get(name);
            if (allowed != null && !allowed.contains(name)) {
                throw child.unknownKey(allowed);
            }
            fields.put(name, child);
        }
        return fields;
    }

    BadInputException unknownKey(List<String> allowed) {
        String name = key.substring(key.lastIndexOf('.') + 1);
        String guess = Suggestions.closest(name, allowed);
        return error("unknown key" + (guess == null ? "" : " (did you mean '" + guess + "'?)")
                + "; expected one of " + String.join(", ", allowed));
    }

    List<SpaceNode> items(String expected) {
        if (!node.isArray()) {
            throw error("expected " + expected + ", got " + describe());
        }
        List<SpaceNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new SpaceNode(node.get(i), key + "[" + i + "]", origin));
        }
        return items;
    }

    String text(String orElse) {
        if (absent()) {
            return orElse;
        }
        if (!node.isValueNode()) {
            throw error("expected text, got " + describe());
        }
        return node.asText();
    }

    <T> T token(Function<String, T> parse, T orElse) {
        if (absent()) {
            return orElse;
        }
        String text = text(null);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    long whole(long orElse, long min) {
        if (absent()) {
            return orElse;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= min) {
            return node.asLong();
        }
        Double v = numeric();
        // A double beyond ±2^63 has no long; 2^63 itself rounds up to it, hence the strict bound.
        if (v == null || v != Math.rint(v) || Math.abs(v) >= 0x1p63 || v < min) {
            throw error("expected a whole number " + (min == Long.MIN_VALUE ? "from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE : ">= " + min) + ", got " + describe());
        }
        return (long) (double) v;
    }

    int integer(int orElse, int min) {
        long v = whole(orElse, min);
        if (v > Integer.MAX_VALUE) {
            throw error("expected a whole number up to " + Integer.MAX_VALUE + ", got " + describe());
        }
        return (int) v;
    }

    double number(double orElse) {
        if (absent()) {
            return orElse;
        }
        Double v = numeric();
        if (v == null || !Double.isFinite(v)) {
            throw error("expected a number, got " + describe());
        }
        return v;
    }

    boolean bool(boolean orElse) {
        if (absent()) {
            return orElse;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw error("expected true or false, got " + describe());
    }

    /** The value as plain Java (String, Integer, Long, Double, Boolean, List, Map), or null. */
    Object plain() {
        if (absent()) {
            return null;
        }
        // Scalars directly: a list of 90,000 values is read item by item, and a Jackson conversion each is slow.
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isInt() || node.isLong() || node.isDouble() || node.isBoolean()) {
            return node.isBoolean() ? (Object) node.booleanValue() : node.numberValue();
        }
        return Json.mapper().convertValue(node, Object.class);
    }

    /** A number, or a text that reads as one ({@code 1e-4} is text to some YAML readers). */
    private Double numeric() {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private String describe() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.asText();
        // A value is echoed to say what was found, not to repeat a page of it.
        return "'" + (text.length() <= ECHOED ? text : text.substring(0, ECHOED) + "…") + "'";
    }
}
