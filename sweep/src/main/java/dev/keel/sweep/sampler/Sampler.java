package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.util.List;
import java.util.Map;

/**
 * Chooses configurations: knob → value for the space's varied parameters (Optuna's sampler, cut to what
 * keel needs). Grid, random and Sobol ignore the history and answer the same for the same index, which is
 * what lets {@code --resume} rebuild the plan; an adaptive sampler would read it.
 */
public interface Sampler {

    /** How many configurations to plan when the space asks for {@code requested}: grid plans its whole product. */
    int configurations(int requested);

    /**
     * The varied knobs of configuration {@code index} (0-based), in the space's parameter order.
     *
     * @param finished trials finished so far, read-only
     */
    Map<String, Object> sample(int index, List<TrialRecord> finished);

    /** The sampler of the space's method, seeded with the space's seed. */
    static Sampler of(SweepSpace space) {
        List<Parameter> varied = space.varied();
        if (!space.listed().isEmpty()) {
            return new ListedSampler(space.listed());
        }
        return switch (space.method()) {
            case GRID -> new GridSampler(varied);
            case RANDOM -> new RandomSampler(varied, space.seed());
            case SOBOL -> new SobolSampler(varied, space.seed());
        };
    }
}
