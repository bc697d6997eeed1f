package dev.keel.report.model;

import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.DataSummary;

import java.util.List;
import java.util.Map;

/**
 * What the report's first lines say about the sweep.
 *
 * @param name         the space's name
 * @param description  the space's description, maybe empty
 * @param method       grid, random or sobol
 * @param trials       trials finished
 * @param planned      trials planned (trials × repeats)
 * @param repeats      seeds per configuration
 * @param seed         the sweep's seed
 * @param data         the data set, or {@code null} if sweep.json does not say
 * @param objective    the metric that ranks trials
 * @param startedAt    when the sweep started (ISO-8601 as recorded)
 * @param trialSeconds the trials' wall time added up
 * @param keelVersion  keel's version that ran the sweep
 * @param dl4jVersion  Deeplearning4j's version
 * @param fixed        knobs that held one value, as printed
 * @param varied       the names of the knobs that varied
 */
public record Header(String name, String description, String method, int trials, int planned, int repeats, long seed,
                     DataSummary data, Metric objective, String startedAt, double trialSeconds, String keelVersion,
                     String dl4jVersion, Map<String, String> fixed, List<String> varied) {
    public Header {
        fixed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixed));
        varied = List.copyOf(varied);
    }

    static Header of(SweepResults sweep) {
        var m = sweep.manifest();
        Map<String, String> fixed = new java.util.LinkedHashMap<>();
        sweep.fixed().forEach((k, v) -> fixed.put(k, Format.value(v)));
        return new Header(m.name(), m.description(), sweep.method(), sweep.trials().size(), m.plannedTrials(),
                sweep.repeats(), m.seed(), m.data(), sweep.objective(), m.startedAt(),
                sweep.trials().stream().mapToDouble(t -> t.seconds()).filter(Double::isFinite).sum(),
                m.keelVersion(), m.dl4jVersion(), fixed, sweep.varied().stream().map(Knob::name).toList());
    }
}
