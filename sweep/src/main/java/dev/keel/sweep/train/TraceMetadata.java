package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code # key=value} lines of a trial's trace: every knob, the model, the seed and what the
 * validation columns mean. Nothing that varies between runs of the same trial (times, hosts, paths).
 */
final class TraceMetadata {
    private TraceMetadata() {
    }

    static Map<String, String> of(TrialConfig config, Task task, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        config.toParams().forEach((k, v) -> m.put(k, format(v)));
        m.put("model", config.model().token());
        m.put("trace_every", String.valueOf(config.traceEvery()));
        m.put("seed", String.valueOf(seed));
        m.put("task", task.token());
        m.put("loss", task == Task.CLASSIFICATION ? "cross_entropy" : "mse_standardized_target");
        m.put("val_metric", task == Task.CLASSIFICATION ? "accuracy" : "r2");
        return m;
    }

    private static String format(Object v) {
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }
}
