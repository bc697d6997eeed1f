package dev.keel.report.model;

import dev.keel.diagnose.Finding;

import java.util.Locale;

/**
 * A finding in plain words: what it is, the diagnosis's own sentence, and where and against what it was
 * measured, so that a reader can check it on the curve.
 *
 * @param title    the rule in words, e.g. {@code Vanishing gradient}
 * @param sentence the classifier's one-line reason
 * @param evidence e.g. {@code layer dense_0, step 120: 3.1e-07 (threshold 1e-05)}; empty when nothing to add
 */
public record FindingText(String title, String sentence, String evidence) {

    public static FindingText of(Finding f) {
        String rule = f.rule().token().replace('_', ' ').trim();
        String title = rule.isEmpty() ? "Finding" : rule.substring(0, 1).toUpperCase(Locale.ROOT) + rule.substring(1);
        StringBuilder where = new StringBuilder();
        if (f.layer() != null && !f.layer().isBlank()) {
            where.append("layer ").append(f.layer());
        }
        if (f.step() != null) {
            where.append(where.isEmpty() ? "" : ", ").append("step ").append(f.step());
        }
        StringBuilder evidence = new StringBuilder(where);
        if (!Double.isNaN(f.value()) || !Double.isNaN(f.threshold())) {
            evidence.append(where.isEmpty() ? "" : ": ").append("observed ").append(Format.number(f.value()));
            if (!Double.isNaN(f.threshold())) {
                evidence.append(" (threshold ").append(Format.number(f.threshold())).append(')');
            }
        }
        return new FindingText(title, f.message(), evidence.toString());
    }
}
