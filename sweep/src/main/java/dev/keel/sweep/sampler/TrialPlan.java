package dev.keel.sweep.sampler;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.space.SweepSpace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every trial a sweep will run, fixed before the first one starts: configurations × repeats, configuration
 * by configuration. The plan follows from the space alone (its parameters, method, trials, repeats and
 * seed), so rebuilding it from sweep.json gives the same ids, configurations and seeds, and a resumed sweep
 * runs {@link #remaining(Collection)}.
 */
public record TrialPlan(SweepSpace space, List<PlannedTrial> trials) {
    public TrialPlan {
        trials = List.copyOf(trials);
    }

    /**
     * The plan of a space. The command line's {@code --trials} and {@code --seed} are applied to the space
     * first ({@link SweepSpace#withTrials}, {@link SweepSpace#withSeed}), so sweep.json records them.
     */
    public static TrialPlan of(SweepSpace space) {
        Sampler sampler = Sampler.of(space);
        int configurations = sampler.configurations(space.trials());
        TrialConfig base = space.baseConfig();
        String configFormat = "t%0" + digits(configurations - 1, 4) + "d";
        String repeatFormat = "-r%0" + digits(space.repeats() - 1, 1) + "d";
        List<PlannedTrial> trials = new ArrayList<>(configurations * space.repeats());
        for (int c = 0; c < configurations; c++) {
            Map<String, Object> sampled = sampler.sample(c, List.of());
            TrialConfig config;
            try {
                config = base.with(sampled);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("space '" + space.name() + "': configuration " + c + " " + sampled
                        + " is not valid: " + e.getMessage(), e);
            }
            Map<String, Object> params = config.toParams();
            String configId = String.format(configFormat, c);
            for (int r = 0; r < space.repeats(); r++) {
                trials.add(new PlannedTrial(configId + String.format(repeatFormat, r), c, r,
                        Seeds.trialSeed(space.seed(), c, r), config, params));
            }
        }
        return new TrialPlan(space, trials);
    }

    public int size() {
        return trials.size();
    }

    public Optional<PlannedTrial> find(String id) {
        return trials.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The trials whose ids are not in {@code finished}, in plan order: what {@code --resume} still runs. */
    public List<PlannedTrial> remaining(Collection<String> finished) {
        Set<String> done = new HashSet<>(finished);
        return trials.stream().filter(t -> !done.contains(t.id())).toList();
    }

    private static int digits(int largest, int atLeast) {
        return Math.max(atLeast, String.valueOf(Math.max(0, largest)).length());
    }
}
