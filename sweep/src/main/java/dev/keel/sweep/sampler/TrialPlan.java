package dev.keel.sweep.sampler;

import dev.keel.sweep.space.SweepSpace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every trial of a sweep whose sampler plans up front (grid, random, Sobol, listed configurations):
 * configurations × repeats, configuration by configuration. The plan follows from the space alone (its
 * parameters, method, trials, repeats and seed), so rebuilding it from sweep.json gives the same ids,
 * configurations and seeds. A sweep runs its trials through a {@link TrialQueue}, which hands out the same trials
 * in the same order; for {@code method: bayes}, whose configurations depend on the trials that finished before
 * them, this plan holds what the sampler draws when no trial has finished (its random startup draws), and only
 * the ids and seeds are those the sweep will run.
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
        TrialQueue queue = TrialQueue.of(space);
        List<PlannedTrial> trials = new ArrayList<>(queue.total());
        while (queue.hasNext()) {
            trials.add(queue.next());
        }
        return new TrialPlan(space, trials);
    }

    public int size() {
        return trials.size();
    }

    public Optional<PlannedTrial> find(String id) {
        return trials.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The trials whose ids are not in {@code finished}, in plan order. */
    public List<PlannedTrial> remaining(Collection<String> finished) {
        Set<String> done = new HashSet<>(finished);
        return trials.stream().filter(t -> !done.contains(t.id())).toList();
    }
}
