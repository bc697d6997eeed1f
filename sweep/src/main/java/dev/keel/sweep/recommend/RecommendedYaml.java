package dev.keel.sweep.recommend;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataSpec;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.OutputFile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes recommended.yaml: a block-style space with one {@code value} per knob, that {@code keel sweep} runs as
 * is, with the evidence in comments. Numbers are written in plain decimal so every YAML reader takes them as
 * numbers; text is quoted.
 */
public final class RecommendedYaml {
    private RecommendedYaml() {
    }

    public static void write(Path file, Candidate chosen, SweepSpace confirm, PreparedData data, Metric metric,
                             String testMetric, String reason, List<String> why) throws IOException {
        OutputFile.write(file, render(chosen, confirm, data, metric, testMetric, reason, why)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String render(Candidate chosen, SweepSpace confirm, PreparedData data, Metric metric, String testMetric,
                         String reason, List<String> why) {
        StringBuilder y = new StringBuilder();
        DataSpec spec = confirm.data();
        y.append("# Settings keel recommend chose for ").append(spec.source()).append(".\n");
        y.append("# Mean ± standard deviation over ").append(chosen.runs().size()).append(" seeds:\n");
        y.append(String.format(Locale.ROOT, "#   %-14s %s%n", metric.name(), meanStd(chosen, metric.name())));
        y.append(String.format(Locale.ROOT, "#   %-14s %s%n", testMetric, meanStd(chosen, testMetric)));
        y.append("# Why: ").append(reason).append(".\n");
        if (!why.isEmpty()) {
            y.append("# What this sweep saw:\n");
            for (String line : why) {
                y.append("#   - ").append(line).append('\n');
            }
        }
        y.append("# Re-run on new seeds: keel sweep recommended.yaml --seed 1\n");
        String name = confirm.name().replaceFirst("-confirm$", "").replaceFirst("^recommend-", "recommended-");
        y.append("name: ").append(quote(name)).append('\n');
        y.append("description: ").append(quote("settings keel recommend chose for " + spec.source()
                + ", stable on every seed it was tried with")).append('\n');
        y.append("method: grid\n");
        y.append("seed: ").append(confirm.seed()).append('\n');
        y.append("repeats: ").append(chosen.runs().size()).append('\n');
        y.append("data:\n");
        y.append("  source: ").append(quote(spec.source())).append('\n');
        if (spec.target() != null) {
            y.append("  target: ").append(quote(spec.target())).append('\n');
        }
        y.append("  task: ").append(data.task().token()).append('\n');
        y.append("  split:\n");
        y.append("    train: ").append(number(spec.train())).append('\n');
        y.append("    validation: ").append(number(spec.validation())).append('\n');
        y.append("    test: ").append(number(spec.test())).append('\n');
        y.append("  stratify: ").append(spec.stratify()).append('\n');
        y.append("metric:\n");
        y.append("  name: ").append(metric.name()).append('\n');
        y.append("  goal: ").append(metric.goal().token()).append('\n');
        y.append("early_terminate:\n");
        y.append("  type: ").append(confirm.earlyTerminate().token()).append('\n');
        y.append("parameters:\n");
        Map<String, Object> params = TrialConfig.fromParams(chosen.params()).toParams();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            y.append("  ").append(e.getKey()).append(":\n");
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                y.append("    value:\n");
                for (Map.Entry<?, ?> inner : m.entrySet()) {
                    y.append("      ").append(inner.getKey()).append(": ").append(scalar(inner.getValue())).append('\n');
                }
            } else {
                y.append("    value: ").append(scalar(v)).append('\n');
            }
        }
        y.append("model:\n");
        y.append("  type: ").append(confirm.model().token()).append('\n');
        return y.toString();
    }

    private static String meanStd(Candidate c, String metric) {
        double mean = c.mean(metric);
        return Double.isNaN(mean) ? "n/a" : String.format(Locale.ROOT, "%.4f ± %.4f", mean, c.std(metric));
    }

    static String scalar(Object v) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        return quote(String.valueOf(v));
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
