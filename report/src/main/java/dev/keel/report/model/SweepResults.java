package dev.keel.report.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * @param knobs     every knob the trials record, in DESIGN.md's order, then any others alphabetically
 * @param problems  lines of trials.jsonl that could not be read, one sentence each
 */
public record SweepResults(Path dir, SweepManifest manifest, List<TrialRecord> trials, Objective objective,
                           List<Knob> knobs, List<String> problems) {
    private static final Logger LOG = LoggerFactory.getLogger(SweepResults.class);

    public SweepResults {
        trials = List.copyOf(trials);
        knobs = List.copyOf(knobs);
        problems = List.copyOf(problems);
    }

    public static SweepResults of(ResultStore store) {
        return of(store.dir(), store.manifest(), store.trials());
    }

    /**
     * Reads a result folder without changing it. {@link ResultStore#open} cuts off a half-written last
     * line so a resumed sweep can append; a report may be written while a sweep is still appending, and
     * must never cut a line the sweep is finishing. So the report reads on its own: an unreadable line is
     * skipped and named in the report's notes; the first line of an id wins, as in the store. A folder of training
     * logs that keel did not write is read as a sweep of them ({@link LogFolder}).
     *
     * @throws BadInputException when {@code dir} is not a keel result folder or its sweep.json is unreadable
     */
    public static SweepResults read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such folder; expected a keel result folder (results/<run>)");
        }
        Path manifestFile = dir.resolve(ResultStore.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            if (LogFolder.holdsLogs(dir)) {
                return LogFolder.read(dir).results();
            }
            throw new BadInputException(dir + ": not a keel result folder (no " + ResultStore.MANIFEST + ") nor a folder"
                    + " of training logs (" + LogFolders.patterns() + ")");
        }
        SweepManifest manifest;
        try {
            manifest = Json.mapper().readValue(manifestFile.toFile(), SweepManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new BadInputException(manifestFile + ": unreadable sweep manifest (" + firstLine(e) + ")");
        }
        Map<String, TrialRecord> trials = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Path trialsFile = dir.resolve(ResultStore.TRIALS);
        if (Files.isRegularFile(trialsFile)) {
            List<String> lines = Files.readAllLines(trialsFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    TrialRecord t = Json.mapper().readValue(line, TrialRecord.class);
                    trials.putIfAbsent(t.id(), t);
                } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                    LOG.warn("{}:{}: unreadable trial line skipped ({})", trialsFile, i + 1, firstLine(e));
                    problems.add(trialsFile.getFileName() + " line " + (i + 1) + " could not be read and is left out"
                            + (i == lines.size() - 1 ? " (a trial still being written, or cut off by a kill)." : "."));
                }
            }
        }
        SweepResults r = of(dir, manifest, new ArrayList<>(trials.values()));
        return new SweepResults(r.dir(), r.manifest(), r.trials(), r.objective(), r.knobs(), problems);
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        m = m == null ? e.getClass().getSimpleName() : m;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
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
        return new SweepResults(dir, manifest, trials, Objective.fromSpace(manifest.space()), knobs, List.of());
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
