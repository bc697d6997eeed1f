package dev.keel.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * A diagnosis as JSON: compact, standard JSON (non-finite numbers become null). The one encoding of {@code keel
 * diagnose --json} (one line per file), of {@code keel diagnose --follow --json} (one line per event) and of the
 * listener's {@code diagnosis.json}. {@code notes} says how a foreign log was read (always present, empty for
 * keel's own traces), so a script can tell a verdict on rows numbered in order from one on real steps.
 */
public final class DiagnosisJson {
    private DiagnosisJson() {
    }

    /** One line of {@code keel diagnose --json}. */
    public static String line(String file, Diagnosis d, List<String> notes) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("file", file);
        verdict(root, d);
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        return text(root);
    }

    /** {@code verdict}, {@code confidence}, {@code first_detected_step} and {@code findings} of a diagnosis. */
    public static ObjectNode verdict(ObjectNode root, Diagnosis d) {
        root.put("verdict", d.verdict().token());
        number(root, "confidence", d.confidence());
        if (d.firstDetectedStep() == null) {
            root.putNull("first_detected_step");
        } else {
            root.put("first_detected_step", d.firstDetectedStep());
        }
        findings(root.putArray("findings"), d.findings());
        return root;
    }

    /** Each finding as {@code {"rule","layer","step","value","threshold","message"}}. */
    public static ArrayNode findings(ArrayNode findings, List<Finding> list) {
        for (Finding f : list) {
            ObjectNode o = findings.addObject();
            o.put("rule", f.rule().token());
            o.put("layer", f.layer());
            if (f.step() == null) {
                o.putNull("step");
            } else {
                o.put("step", f.step());
            }
            number(o, "value", f.value());
            number(o, "threshold", f.threshold());
            o.put("message", f.message());
        }
        return findings;
    }

    /** Compact JSON text of a node. */
    public static String text(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
