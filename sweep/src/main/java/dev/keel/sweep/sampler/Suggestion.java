package dev.keel.sweep.sampler;

import dev.keel.sweep.store.ChosenBy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sampler's answer: the varied knobs of one configuration, and for a sampler that learns, whether it drew them
 * at random (startup) or its model chose them.
 *
 * @param values   knob → value for the varied parameters, in the space's parameter order
 * @param chosenBy {@code null} for samplers that plan up front (grid, random, Sobol, listed)
 */
public record Suggestion(Map<String, Object> values, ChosenBy chosenBy) {
    public Suggestion {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A configuration of a plan fixed up front. */
    public static Suggestion planned(Map<String, Object> values) {
        return new Suggestion(values, null);
    }
}
