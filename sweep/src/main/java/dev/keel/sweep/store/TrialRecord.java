package dev.keel.sweep.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code trials.jsonl}: a finished trial, never changed afterwards.
 *
 * @param id                deterministic in the sweep's seed (plan position and repeat)
 * @param params            every knob, resolved, as YAML key → value
 * @param seed              the trial's own seed (initialisation, dropout, shuffling, augmentation)
 * @param status            completed, pruned or failed
 * @param verdict           the diagnosis, or {@code null} for a failed trial without a trace
 * @param confidence        in [0, 1], or {@code null} with the verdict
 * @param firstDetectedStep the step at which the verdict was evident, or {@code null}
 * @param findings          the diagnosis's evidence
 * @param metrics           metric name → value; non-finite values are {@code null}
 * @param epochs            epochs run
 * @param steps             optimiser steps run
 * @param seconds           wall time of the trial
 * @param error             what went wrong, for failed trials; else {@code null}
 * @param chosenBy          how a sampler that learns chose the configuration ({@code method: bayes}); {@code null}
 *                          (and absent from the line) for planned sweeps
 */
@JsonPropertyOrder({"id", "params", "seed", "status", "verdict", "confidence", "first_detected_step", "findings",
        "metrics", "epochs", "steps", "seconds", "error", "chosen_by"})
public record TrialRecord(
        @JsonProperty("id") String id,
        @JsonProperty("params") Map<String, Object> params,
        @JsonProperty("seed") long seed,
        @JsonProperty("status") TrialStatus status,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("confidence") Double confidence,
        @JsonProperty("first_detected_step") Long firstDetectedStep,
        @JsonProperty("findings") List<Finding> findings,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("steps") long steps,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("error") String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("chosen_by") ChosenBy chosenBy) {

    /** A trial of a planned sweep (grid, random, Sobol, listed configurations): no {@code chosen_by}. */
    public TrialRecord(String id, Map<String, Object> params, long seed, TrialStatus status, Verdict verdict,
                       Double confidence, Long firstDetectedStep, List<Finding> findings, Map<String, Double> metrics,
                       int epochs, long steps, double seconds, String error) {
        this(id, params, seed, status, verdict, confidence, firstDetectedStep, findings, metrics, epochs, steps,
                seconds, error, null);
    }

    public TrialRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        findings = findings == null ? List.of() : List.copyOf(findings);
        Map<String, Double> finite = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((k, v) -> finite.put(k, v != null && Double.isFinite(v) ? v : null));
        }
        metrics = Collections.unmodifiableMap(finite);
    }

    /** A metric's value, or NaN when absent or non-finite. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
