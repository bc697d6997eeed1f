package dev.keel.sweep.sampler;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.ChosenBy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trial of a plan: a configuration and the seed to run it with.
 *
 * @param id          {@code t0007-r1}: configuration 7, repeat 1; sortable, safe as a file name
 * @param configIndex the configuration's position in the plan, from 0
 * @param repeat      which of the configuration's seeds, from 0
 * @param seed        the trial's own seed: initialisation, dropout, shuffling, augmentation
 * @param config      every knob resolved, with the space's model and training settings
 * @param params      {@code config.toParams()}: what trials.jsonl records under {@code params}
 * @param chosenBy    how a sampler that learns chose the configuration, or {@code null} for a planned sweep
 */
public record PlannedTrial(String id, int configIndex, int repeat, long seed, TrialConfig config,
                           Map<String, Object> params, ChosenBy chosenBy) {
    public PlannedTrial {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
