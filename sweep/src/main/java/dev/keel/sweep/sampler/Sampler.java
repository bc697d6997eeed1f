package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;

import java.util.List;

/**
 * Chooses configurations: knob → value for the space's varied parameters (Optuna's {@code BaseSampler}, cut to
 * what keel needs). A sampler is asked once per configuration, when a worker is free to run it, and is told the
 * trials stored so far and those still running ({@link SearchHistory}). Grid, random and Sobol ignore the history
 * and answer the same for the same index; {@link TpeSampler} learns from it. Adding a sampler adds a class and a
 * line in {@link #of}.
 */
public interface Sampler {

    /** How many configurations to plan when the space asks for {@code requested}: grid plans its whole product. */
    int configurations(int requested);

    /**
     * The varied knobs of configuration {@code index} (0-based), in the space's parameter order. The answer
     * depends on the index, the sampler's seed and the history only, so a resumed sweep that is told the same
     * stored trials asks the same.
     */
    Suggestion sample(int index, SearchHistory history);

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
            case BAYES -> new TpeSampler(varied, space.seed(), space.metric(),
                    TpeSampler.Settings.DEFAULT.forBudget(space.configurations()));
        };
    }
}
