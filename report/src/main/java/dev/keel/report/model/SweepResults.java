package dev.keel.report.model;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep as the report reads it: the manifest, the finished trials, the objective, and which knobs
 * varied.
 *
 * @param dir       the result folder
 * @param manifest  sweep.json
 * @param trials    trials.jsonl, in the order trials finished
 * @param objective the space's metric
 * @param knobs     every knob the trials record, in docs/DESIGN.md's order, then any others alphabetically
 * @param problems  lines of trials.jsonl that could not be read, one sentence each
 */
public record SweepResults(Path dir, SweepManifest manifest, List<TrialRecord> trials, Metric objective,
                           List<Knob> knobs, List<String> problems) {
    public SweepResults {
        trials = List.copyOf(trials);
        knobs = List.copyOf(knobs);
        problems = List.copyOf(problems);
    }

    public static SweepResults of(ResultStore store) {
        return of(store.dir(), store.manifest(), store.trials());
    }

    /**
     * Reads a result folder without changing it ({@link ResultStore#open}): a report may be written while a sweep is
     * still appending. An unreadable line of trials.jsonl is left out and named in the report's notes. A folder of
     * training logs that keel did not write is read as a sweep of them ({@link LogFolder}).
     *
     * @throws BadInputException when {@code dir} is not a keel result folder or its sweep.json is unreadable
     */
    public static SweepResults read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such folder; expected a keel result folder (results/<run>)");
        }
        if (!Files.isRegularFile(dir.resolve(ResultStore.MANIFEST))) {
            if (LogFolder.holdsLogs(dir)) {
                return LogFolder.read(dir).results();
            }
            throw new BadInputException(dir + ": not a keel result folder (no " + ResultStore.MANIFEST + ") nor a folder"
                    + " of training logs (" + LogFolders.patterns() + ")");
        }
        ResultStore store;
        try {
            store = ResultStore.open(dir);
        } catch (ResultStore.CorruptStoreException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        SweepResults r = of(store);
        return new SweepResults(r.dir(), r.manifest(), r.trials(), r.objective(), r.knobs(), store.problems());
    }

    public static SweepResults of(Path dir, SweepManifest manifest, List<TrialRecord> trials) {
        Set<String> names = new LinkedHashSet<>();
        for (String k : TrialConfig.KNOBS) {
            for (TrialRecord t : trials) {
                if (t.params().containsKey(k)) {
                    names.add(k);
                    break;
                }
            }
        }
        trials.stream().flatMap(t -> t.params().keySet().stream()).sorted().forEach(names::add);
        List<Knob> knobs = new ArrayList<>();
        for (String name : names) {
            List<Object> values = new ArrayList<>();
            for (TrialRecord t : trials) {
                if (t.params().containsKey(name)) {
                    values.add(t.params().get(name));
                }
            }
            knobs.add(Knob.of(name, values));
        }
        return new SweepResults(dir, manifest, trials, Metric.ofResolved(manifest.space()), knobs, List.of());
    }

    /** The knobs that took more than one value. */
    public List<Knob> varied() {
        return knobs.stream().filter(Knob::varied).toList();
    }

    /** Knobs that held one value in every trial, with that value. */
    public Map<String, Object> fixed() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        for (Knob k : knobs) {
            if (!k.varied()) {
                trials.stream().filter(t -> t.params().containsKey(k.name())).findFirst()
                        .ifPresent(t -> fixed.put(k.name(), t.params().get(k.name())));
            }
        }
        return fixed;
    }

    public Knob knob(String name) {
        return knobs.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    }

    /** The space's {@code method} (grid, random, sobol), or {@code random}, the design's default. */
    public String method() {
        Object m = manifest.space().get("method");
        return m == null ? "random" : m.toString();
    }

    /** Seeds per configuration: the space's {@code repeats}, default 1. */
    public int repeats() {
        return manifest.space().get("repeats") instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }

    /** The space's name, e.g. for a file name or a column heading. */
    public String name() {
        return manifest.name();
    }
}
