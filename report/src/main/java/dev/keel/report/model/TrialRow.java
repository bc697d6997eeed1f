package dev.keel.report.model;

import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;

import java.util.List;
import java.util.Map;

/**
 * One line of the trial table.
 *
 * @param id         the trial's id
 * @param anchor     the id of the trial's section in the page (safe in a URL fragment, unique)
 * @param outcome    verdict or failed
 * @param status     completed, pruned or failed
 * @param confidence the verdict's confidence, NaN without a verdict
 * @param values     the varied knobs' values, in the report's column order
 * @param metric     the objective, NaN when absent or non-finite
 * @param epochs     epochs run
 * @param steps      steps run
 * @param seconds    wall time
 * @param chosenBy   {@code startup} or {@code model} when a sampler that learns chose the configuration, else null
 */
public record TrialRow(String id, String anchor, Outcome outcome, String status, double confidence,
                       List<String> values, double metric, int epochs, long steps, double seconds,
                       String chosenBy) {

    public TrialRow {
        values = List.copyOf(values);
    }

    static TrialRow of(TrialRecord t, String anchor, List<Knob> columns, Metric objective) {
        Map<String, Object> p = t.params();
        List<String> values = columns.stream()
                .map(k -> p.containsKey(k.name()) ? k.label(p.get(k.name())) : "")
                .toList();
        return new TrialRow(t.id(), anchor, Outcome.of(t), t.status().token(),
                t.confidence() == null ? Double.NaN : t.confidence(), values, t.metric(objective.name()),
                t.epochs(), t.steps(), t.seconds(), t.chosenBy() == null ? null : t.chosenBy().token());
    }
}
