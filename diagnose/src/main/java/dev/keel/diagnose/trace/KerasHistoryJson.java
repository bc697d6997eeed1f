package dev.keel.diagnose.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Keras {@code History} saved with {@code json.dump(history.history, f)}: one JSON object whose every value is a
 * list with one number an epoch ({@code {"loss": [...], "val_loss": [...], "accuracy": [...]}}). It is turned into
 * one row an epoch, numbered from 1 as Keras prints them, since the history holds no epoch of its own.
 */
final class KerasHistoryJson {
    static final String NOTE = "a Keras history (one list a metric): one row an epoch, epochs numbered from 1";

    private KerasHistoryJson() {
    }

    /** Whether {@code node} is an object of lists and nothing else. */
    static boolean matches(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return false;
        }
        for (JsonNode value : node) {
            if (!value.isArray()) {
                return false;
            }
        }
        return true;
    }

    /** The rows, one object an epoch with an {@code epoch} key unless the history has its own. */
    static List<JsonNode> rows(String file, JsonNode history) {
        int epochs = -1;
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = history.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (epochs < 0) {
                epochs = f.getValue().size();
                first = f.getKey();
            } else if (f.getValue().size() != epochs) {
                throw new BadInputException(file + ": '" + f.getKey() + "' holds " + f.getValue().size()
                        + " values and '" + first + "' " + epochs + ", expected one value an epoch in every list of"
                        + " a Keras history");
            }
        }
        boolean ownEpoch = history.has(Trace.EPOCH);
        List<JsonNode> rows = new ArrayList<>(epochs);
        for (int e = 0; e < epochs; e++) {
            ObjectNode row = Json.mapper().createObjectNode();
            if (!ownEpoch) {
                row.put(Trace.EPOCH, e + 1);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = history.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                row.set(f.getKey(), f.getValue().get(e));
            }
            rows.add(row);
        }
        return rows;
    }
}
