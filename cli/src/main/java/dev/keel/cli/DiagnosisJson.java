package dev.keel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Json;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * One line of {@code keel diagnose --json}: compact, standard JSON (non-finite numbers become null). {@code notes}
 * says how a foreign log was read (always present, empty for keel's own traces), so a script can tell a verdict on
 * rows numbered in order from one on real steps.
 */
final class DiagnosisJson {
    private DiagnosisJson() {
    }

    static String line(String file, Diagnosis d, List<String> notes) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("file", file);
        root.put("verdict", d.verdict().token());
        number(root, "confidence", d.confidence());
        if (d.firstDetectedStep() == null) {
            root.putNull("first_detected_step");
        } else {
            root.put("first_detected_step", d.firstDetectedStep());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.findings()) {
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
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
