package dev.keel.sweep.space;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keel.diagnose.BadInputException;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads YAML into a tree and remembers the line of every key and list item, so that an error can say
 * {@code FILE:LINE}. Jackson's tree model drops locations, hence this small walk over the tokens.
 */
final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The document (null when the file is empty) and dotted key → 1-based line. */
    record Located(JsonNode root, Map<String, Integer> lines) {
    }

    private YamlTree() {
    }

    static Located read(String text, String origin) {
        Map<String, Integer> lines = new HashMap<>();
        lines.put("", 1);
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Located(null, lines);
            }
            return new Located(readValue(p, "", lines, origin), lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new BadInputException(origin + ":" + line + ": not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(origin + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode readValue(JsonParser p, String key, Map<String, Integer> lines, String origin)
            throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = key.isEmpty() ? name : key + "." + name;
                    int line = p.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw new BadInputException(origin + ":" + line + ": key '" + child + "': appears twice (first on line "
                                + lines.get(child) + ")");
                    }
                    lines.put(child, line);
                    p.nextToken();
                    object.set(name, readValue(p, child, lines, origin));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = key + "[" + i++ + "]";
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    array.add(readValue(p, child, lines, origin));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                // YAML tags and binary scalars: keep their text so the usual checks report them.
                return NODES.textNode(p.getText());
            }
        }
    }

    /** SnakeYAML's message without its code excerpts: the lines that are not indented, joined. */
    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String joined = String.join(": ", message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip)
                .toList());
        return joined.isEmpty() ? "syntax error" : joined;
    }
}
