package dev.keel.sweep.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads YAML into a tree and remembers the line of every key and list item, so that an error can say
 * {@code FILE:LINE}. SnakeYAML composes the document (anchors and aliases resolved to the nodes they name) and
 * this class walks it with limits, so that a hostile file is refused in linear time, saying which limit it broke:
 * one document, {@link #MAX_NODES} values in all (aliases count every time they are used, which stops "billion
 * laughs"), {@link #MAX_DEPTH} levels, {@link #MAX_TEXT} characters a value.
 */
final class YamlTree {
    /** Values in the whole space, counted after aliases are expanded: a grid of 100,000 points is not a sweep. */
    static final int MAX_NODES = 100_000;
    /** Nesting; a space needs four (parameters, a knob, early_stopping, its fields). */
    static final int MAX_DEPTH = 20;
    /** One value's text: a description of a few pages. */
    static final int MAX_TEXT = 10_000;
    /** SnakeYAML's own count of aliases to collections, the first guard against expansion. */
    private static final int MAX_ALIASES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The document (null when the file is empty) and dotted key → 1-based line. */
    record Located(JsonNode root, Map<String, Integer> lines) {
    }

    private final String origin;
    private final Map<String, Integer> lines = new HashMap<>();
    private int nodes;

    private YamlTree(String origin) {
        this.origin = origin;
        lines.put("", 1);
    }

    static Located read(String text, String origin) {
        return new YamlTree(origin).readDocument(text);
    }

    private Located readDocument(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported below, with both lines
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit((int) InputFiles.SPACE_LIMIT);
        try {
            Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                return new Located(null, lines);
            }
            Node root = documents.next();
            JsonNode tree = root == null ? null : convert(root, "", 0);
            if (documents.hasNext()) {
                Node second = documents.next();
                int line = second == null ? 1 : second.getStartMark().getLine() + 1;
                throw new BadInputException(origin + ":" + line + ": a second YAML document (after '---'); a space"
                        + " file holds one document, so keel would ignore this one: remove it or the '---'");
            }
            return new Located(tree, lines);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            throw new BadInputException(origin + ":" + line + ": not valid YAML: " + problem(e), e);
        } catch (YAMLException e) {
            throw new BadInputException(origin + ": not valid YAML: " + limit(e.getMessage()), e);
        }
    }

    private JsonNode convert(Node node, String key, int depth) {
        if (++nodes > MAX_NODES) {
            throw at(node, key, "the space holds more than " + MAX_NODES + " values (counting each use of a YAML"
                    + " alias), keel's limit for a space file");
        }
        if (depth > MAX_DEPTH) {
            throw at(node, key, "nested more than " + MAX_DEPTH + " levels deep (keel's limit for a space file)");
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            fill(object, mapping, key, depth);
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            int i = 0;
            for (Node item : sequence.getValue()) {
                String child = key + "[" + i++ + "]";
                lines.put(child, item.getStartMark().getLine() + 1);
                array.add(convert(item, child, depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node, key);
    }

    /** The fields of a mapping, in file order; a merge key ({@code <<: *defaults}) adds the fields not given. */
    private void fill(ObjectNode object, MappingNode mapping, String key, int depth) {
        Map<String, Node> merged = new java.util.LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                for (MappingNode source : mergeSources(tuple.getValueNode(), key)) {
                    for (NodeTuple t : source.getValue()) {
                        merged.putIfAbsent(keyText(t.getKeyNode(), key), t.getValueNode());
                    }
                }
                continue;
            }
            String name = keyText(keyNode, key);
            String child = key.isEmpty() ? name : key + "." + name;
            int line = keyNode.getStartMark().getLine() + 1;
            if (object.has(name)) {
                throw new BadInputException(origin + ":" + line + ": key '" + child + "': appears twice (first on line "
                        + lines.get(child) + ")");
            }
            lines.put(child, line);
            object.set(name, convert(tuple.getValueNode(), child, depth + 1));
        }
        for (Map.Entry<String, Node> e : merged.entrySet()) {
            if (!object.has(e.getKey())) {
                String child = key.isEmpty() ? e.getKey() : key + "." + e.getKey();
                lines.put(child, e.getValue().getStartMark().getLine() + 1);
                object.set(e.getKey(), convert(e.getValue(), child, depth + 1));
            }
        }
    }

    private java.util.List<MappingNode> mergeSources(Node value, String key) {
        if (value instanceof MappingNode m) {
            return java.util.List.of(m);
        }
        if (value instanceof SequenceNode s && s.getValue().stream().allMatch(n -> n instanceof MappingNode)) {
            return s.getValue().stream().map(n -> (MappingNode) n).toList();
        }
        throw at(value, key, "'<<' merges a mapping (<<: *name), got something else");
    }

    private String keyText(Node keyNode, String key) {
        if (!(keyNode instanceof ScalarNode s)) {
            throw at(keyNode, key, "a key must be plain text, got a " + (keyNode instanceof MappingNode ? "mapping"
                    : "list"));
        }
        if (s.getValue().length() > MAX_TEXT) {
            throw at(keyNode, key, "a key of " + s.getValue().length() + " characters; at most " + MAX_TEXT);
        }
        return s.getValue();
    }

    /** A scalar as Jackson's YAML reader typed it before: booleans and numbers of YAML 1.1, the rest text. */
    private JsonNode scalar(ScalarNode node, String key) {
        String text = node.getValue();
        if (text.length() > MAX_TEXT) {
            throw at(node, key, "text of " + text.length() + " characters; keel reads at most " + MAX_TEXT
                    + " characters a value");
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("yes") || lower.equals("on")) {
                return NODES.booleanNode(true);
            }
            if (lower.equals("false") || lower.equals("no") || lower.equals("off")) {
                return NODES.booleanNode(false);
            }
            return NODES.textNode(text);
        }
        if (tag.equals(Tag.INT)) {
            JsonNode integer = integer(text);
            return integer != null ? integer : NODES.textNode(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            Double v = floating(text);
            return v != null ? NODES.numberNode(v) : NODES.textNode(text);
        }
        return NODES.textNode(text);
    }

    /** YAML 1.1 integers: {@code 1_000}, {@code 0x1F}, {@code 0b101}, {@code 010} (octal). */
    private static JsonNode integer(String text) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger v;
        try {
            if (s.startsWith("0x")) {
                v = new BigInteger(s.substring(2), 16);
            } else if (s.startsWith("0b")) {
                v = new BigInteger(s.substring(2), 2);
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = new BigInteger(s.substring(1), 8);
            } else {
                v = new BigInteger(s);
            }
        } catch (NumberFormatException e) {
            return null; // sexagesimal 1:30 and the like: text
        }
        v = negative ? v.negate() : v;
        if (v.bitLength() < 32) {
            return NODES.numberNode(v.intValue());
        }
        return v.bitLength() < 64 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
    }

    /** YAML floats, {@code .inf}, {@code -.inf} and {@code .nan} included: the knob's domain judges them. */
    private static Double floating(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case ".inf", "+.inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
    }

    private BadInputException at(Node node, String key, String problem) {
        int line = node.getStartMark().getLine() + 1;
        return new BadInputException(origin + ":" + line + ": " + (key.isEmpty() ? "" : "key '" + key + "': ")
                + problem);
    }

    /** SnakeYAML's problem, without its excerpt of the file, and with its limits said in keel's words. */
    private static String problem(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        String context = e.getContext() != null && e.getProblem() != null ? e.getContext() + ": " : "";
        return limit(problem == null ? "syntax error" : context + problem.strip());
    }

    private static String limit(String message) {
        if (message == null) {
            return "syntax error";
        }
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("syntax error");
        if (first.contains("exceeds the limit") && first.contains("code points")) {
            return "the file is longer than keel reads (at most " + InputFiles.size(InputFiles.SPACE_LIMIT) + ")";
        }
        if (first.contains("Number of aliases")) {
            return "more than " + MAX_ALIASES + " aliases to lists or mappings (keel's limit for a space file)";
        }
        if (first.toLowerCase(Locale.ROOT).contains("nesting depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep (keel's limit for a space file)";
        }
        return first;
    }
}
