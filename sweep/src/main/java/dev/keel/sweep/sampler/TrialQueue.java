package dev.keel.sweep.sampler;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Seeds;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of a sweep still to run, handed out one at a time as workers become free (ask), and told of every
 * trial as it is stored (tell). Ids and seeds are fixed by the space alone, as in {@link TrialPlan}; a
 * configuration is chosen by the space's {@link Sampler} when its first trial is asked for, with the trials stored
 * so far and those still running known, and its other repeats reuse it. Built from the trials a store already
 * holds, a queue hands out only the missing ones and reuses the stored configurations, so a resumed sweep runs
 * every trial exactly once.
 *
 * <p>Asked and told from one thread, the one that writes the store; synchronized all the same.
 */
public final class TrialQueue {
    private final SweepSpace space;
    private final Sampler sampler;
    private final TrialConfig base;
    private final PlanIds ids;
    private final int total;
    /** (configuration, repeat) of every trial neither stored nor handed out, in plan order. */
    private final Deque<int[]> todo = new ArrayDeque<>();
    /** Each configuration's suggestion, once asked for or read back from a stored trial. */
    private final Map<Integer, Suggestion> chosen = new HashMap<>();
    private final List<TrialRecord> finished = new ArrayList<>();
    private final Map<String, Map<String, Object>> running = new LinkedHashMap<>();

    private TrialQueue(SweepSpace space, Collection<TrialRecord> stored) {
        this.space = space;
        this.sampler = Sampler.of(space);
        this.base = space.baseConfig();
        int configurations = sampler.configurations(space.trials());
        this.ids = new PlanIds(configurations, space.repeats());
        this.total = configurations * space.repeats();
        Map<String, TrialRecord> byId = new HashMap<>();
        for (TrialRecord t : stored) {
            byId.putIfAbsent(t.id(), t);
        }
        finished.addAll(byId.values());
        finished.sort(java.util.Comparator.comparing(TrialRecord::id));
        List<String> varied = space.varied().stream().map(Parameter::knob).toList();
        for (int c = 0; c < configurations; c++) {
            for (int r = 0; r < space.repeats(); r++) {
                TrialRecord done = byId.get(ids.id(c, r));
                if (done == null) {
                    todo.add(new int[] {c, r});
                } else if (!chosen.containsKey(c)) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    varied.forEach(k -> values.put(k, done.params().get(k)));
                    chosen.put(c, new Suggestion(values, done.chosenBy()));
                }
            }
        }
    }

    /** A queue of every trial of the space. */
    public static TrialQueue of(SweepSpace space) {
        return new TrialQueue(space, List.of());
    }

    /** A queue of the trials missing from {@code stored}, which it counts as finished (what resume runs). */
    public static TrialQueue resuming(SweepSpace space, Collection<TrialRecord> stored) {
        return new TrialQueue(space, stored);
    }

    public SweepSpace space() {
        return space;
    }

    /** Trials the sweep holds when it is done: configurations × repeats. */
    public int total() {
        return total;
    }

    /** Trials not handed out yet. */
    public synchronized int remaining() {
        return todo.size();
    }

    /** Trials handed out whose line is not stored yet. */
    public synchronized int running() {
        return running.size();
    }

    public synchronized boolean hasNext() {
        return !todo.isEmpty();
    }

    /**
     * The next trial in plan order, its configuration chosen now if it is the first of its repeats to run.
     *
     * @throws java.util.NoSuchElementException when every trial was handed out
     * @throws BadInputException                when the sampler's configuration is not one the trainer accepts
     */
    public synchronized PlannedTrial next() {
        int[] slot = todo.remove();
        int c = slot[0];
        Suggestion suggestion = chosen.computeIfAbsent(c, k -> sampler.sample(k, new SearchHistory(finished,
                running.values())));
        TrialConfig config;
        try {
            config = base.with(suggestion.values());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("space '" + space.name() + "': configuration " + c + " "
                    + suggestion.values() + " is not valid: " + e.getMessage(), e);
        }
        String id = ids.id(c, slot[1]);
        running.put(id, suggestion.values());
        return new PlannedTrial(id, c, slot[1], Seeds.trialSeed(space.seed(), c, slot[1]), config,
                config.toParams(), suggestion.chosenBy());
    }

    /** Tells the queue a trial's line is stored: later suggestions see it among the finished trials. */
    public synchronized void stored(TrialRecord record) {
        running.remove(record.id());
        finished.add(record);
    }

    /** Ids {@code t0007-r1}: zero-padded to the plan's size so that they sort in plan order. */
    record PlanIds(String configFormat, String repeatFormat) {
        PlanIds(int configurations, int repeats) {
            this("t%0" + digits(configurations - 1, 4) + "d", "-r%0" + digits(repeats - 1, 1) + "d");
        }

        String id(int configuration, int repeat) {
            return String.format(configFormat, configuration) + String.format(repeatFormat, repeat);
        }

        private static int digits(int largest, int atLeast) {
            return Math.max(atLeast, String.valueOf(Math.max(0, largest)).length());
        }
    }
}
