package dev.keel.sweep.train;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code # key=value} lines of a trial's trace: every knob, the model, the seed, what the validation
 * columns mean, and the loss of the trivial predictor (docs/DESIGN.md, "The trace"), which the classifier
 * needs to tell a run that learnt nothing from one that learnt. Nothing that varies between runs of the same
 * trial (times, hosts, paths).
 */
final class TraceMetadata {
    private TraceMetadata() {
    }

    static Map<String, String> of(TrialConfig config, PreparedData data, long seed) {
        Task task = data.task();
        Map<String, String> m = new LinkedHashMap<>();
        config.toParams().forEach((k, v) -> m.put(k, format(v)));
        m.put("model", config.model().token());
        m.put("trace_every", String.valueOf(config.traceEvery()));
        m.put("seed", String.valueOf(seed));
        m.put("task", task.token());
        m.put("loss", task == Task.CLASSIFICATION ? "cross_entropy" : "mse_standardized_target");
        m.put("val_metric", task == Task.CLASSIFICATION ? "accuracy" : "r2");
        if (task == Task.CLASSIFICATION) {
            m.put(Trace.META_CLASSES, String.valueOf(data.outputs()));
        }
        m.put(Trace.META_CHANCE_LOSS, String.valueOf(chanceLoss(data)));
        // how many examples each val_loss averages over: the grain of a small validation set is not a swing
        m.put(Trace.META_VAL_EXAMPLES, String.valueOf(data.validation().rows()));
        return m;
    }

    /**
     * The training loss of a model that learnt nothing but the training split's class priors (their entropy, in
     * nats, the cross-entropy of predicting them) or the target's mean (the variance of the standardised target:
     * 1, as {@link TrialData} standardises with the training split's own mean and deviation).
     */
    static double chanceLoss(PreparedData data) {
        if (data.task() != Task.CLASSIFICATION) {
            return 1.0;
        }
        double[] targets = data.train().targets();
        double[] counts = new double[data.outputs()];
        for (double t : targets) {
            counts[(int) t]++;
        }
        double entropy = 0;
        for (double c : counts) {
            if (c > 0) {
                double p = c / targets.length;
                entropy -= p * Math.log(p);
            }
        }
        return Math.round(entropy * 1e6) / 1e6;
    }

    private static String format(Object v) {
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }
}
