package dev.keel.report.model;

import java.util.List;
import java.util.Map;

/**
 * The section of the page about one trial.
 *
 * @param row          its table row
 * @param seed         the trial's seed
 * @param params       every knob as printed, in the report's knob order
 * @param metrics      every metric recorded, as printed ({@code non-finite} for nulls)
 * @param detectedStep the step at which the verdict was evident, or {@code null}
 * @param findings     the evidence in plain words
 * @param curves       its loss curves, or {@code null} without a readable trace
 * @param error        what went wrong, for failed trials; else {@code null}
 */
public record TrialDetail(TrialRow row, long seed, Map<String, String> params, Map<String, String> metrics,
                          Long detectedStep, List<FindingText> findings, TraceCurves curves, String error) {

    public TrialDetail {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        findings = List.copyOf(findings);
    }
}
