package dev.keel.sweep.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sweep.json}: the resolved space, the seed, versions and the start time. {@code keel sweep --resume}
 * rebuilds the plan from {@code space} and {@code seed} alone.
 *
 * @param name          the space's name
 * @param description   the space's description, or empty
 * @param space         the resolved space, every key present, as it would be written in YAML
 * @param seed          the sweep's seed
 * @param plannedTrials trials × repeats (the lines trials.jsonl will hold when the sweep is done)
 * @param keelVersion   keel's version
 * @param dl4jVersion   Deeplearning4j's version
 * @param startedAt     ISO-8601 instant the sweep first started
 * @param data          what was loaded
 */
@JsonPropertyOrder({"name", "description", "seed", "planned_trials", "keel_version", "dl4j_version", "started_at",
        "data", "space"})
public record SweepManifest(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("space") Map<String, Object> space,
        @JsonProperty("seed") long seed,
        @JsonProperty("planned_trials") int plannedTrials,
        @JsonProperty("keel_version") String keelVersion,
        @JsonProperty("dl4j_version") String dl4jVersion,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("data") DataSummary data) {
    public SweepManifest {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        space = space == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }
}
