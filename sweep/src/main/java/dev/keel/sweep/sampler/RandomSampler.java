package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent draws, uniform in each parameter's domain (in log space for log distributions); a knob that exists
 * only for some values of another is put back to its default elsewhere. Configuration {@code i} has its own
 * generator seeded from (seed, i), so asking for more trials keeps the first ones unchanged.
 */
public final class RandomSampler implements Sampler {
    private final List<Parameter> parameters;
    private final long seed;

    public RandomSampler(List<Parameter> parameters, long seed) {
        this.parameters = List.copyOf(parameters);
        this.seed = seed;
    }

    @Override
    public int configurations(int requested) {
        return requested;
    }

    @Override
    public Suggestion sample(int index, SearchHistory history) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, Seeds.SAMPLER_STREAM, index, 0));
        Map<String, Object> config = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            config.put(p.knob(), p.valueAt(random.nextDouble()));
        }
        return Suggestion.planned(Conditional.resolve(config, parameters));
    }
}
