package dev.keel.report.model;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import dev.keel.sweep.Versions;
import dev.keel.sweep.recommend.Candidate;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of training logs that keel did not write, read as a sweep so that {@code keel report} draws the same page
 * for them: each log a trial, diagnosed as {@code keel diagnose} diagnoses it, with the settings {@link LogSettings}
 * can read as its knobs. The logs are those {@code keel diagnose FOLDER} reads ({@link LogFolders}), and in each
 * subfolder its one log (a run's folder: the listener's {@code trace.csv}, Lightning's {@code version_0/metrics.csv})
 * or, for a Hugging Face output folder, the {@code trainer_state.json} of its latest {@code checkpoint-N}.
 */
public final class LogFolder {
    private static final Logger LOG = LoggerFactory.getLogger(LogFolder.class);

    /** The {@code method} of the sweep a folder of logs is read as; the report's header says "logs" for it. */
    public static final String METHOD = "logs";
    /** The median training loss of the last rows: what a run ended at, through its minibatch noise. */
    static final String FINAL_LOSS = "final_loss";
    static final String BEST_VAL_LOSS = "best_val_loss";
    static final String BEST_VAL_METRIC = "best_val_metric";
    /** The knob that tells runs apart when no setting could be read from any of them. */
    static final String LOG_KNOB = "log";
    /** The last tenth of the rows, at least one and at most this many, give the final loss. */
    private static final int FINAL_ROWS = 20;
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)");
    private static final String HF_STATE = "trainer_state.json";

    private final SweepResults results;
    private final TraceLibrary traces;

    private LogFolder(SweepResults results, TraceLibrary traces) {
        this.results = results;
        this.traces = traces;
    }

    /** Whether a folder is not a result folder and holds logs to report on. */
    public static boolean holdsLogs(Path dir) {
        return Files.isDirectory(dir) && !Files.exists(dir.resolve(ResultStore.MANIFEST))
                && !Files.isDirectory(dir.resolve(ResultStore.TRACES)) && !runs(dir).isEmpty();
    }

    /** Reads and diagnoses every log; a log that cannot be read is left out and named in the report's notes. */
    public static LogFolder read(Path dir) {
        Map<String, Path> runs = runs(dir);
        List<String> problems = new ArrayList<>();
        List<TrialRecord> trials = new ArrayList<>();
        Map<String, Path> files = new HashMap<>();
        Map<String, LogSettings.Settings> settings = new LinkedHashMap<>();
        Map<String, Trace> read = new LinkedHashMap<>();
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            try {
                Trace trace = TraceReader.read(run.getValue());
                if (trace.size() == 0) {
                    problems.add(dir.relativize(run.getValue()) + " has no rows and is left out.");
                    continue;
                }
                read.put(run.getKey(), trace);
                settings.put(run.getKey(), LogSettings.of(run.getKey(), trace));
                files.put(run.getKey(), run.getValue());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: not read for the report: {}", run.getValue(), e.getMessage());
                problems.add(dir.relativize(run.getValue()) + " could not be read (" + e.getMessage() + ") and is left out.");
            }
        }
        boolean noKnobs = settings.values().stream().allMatch(s -> s.params().isEmpty());
        Map<String, Long> seeds = seeds(settings, problems);
        for (Map.Entry<String, Trace> e : read.entrySet()) {
            String id = e.getKey();
            Map<String, Object> params = new LinkedHashMap<>(settings.get(id).params());
            if (noKnobs && read.size() > 1) {
                params.put(LOG_KNOB, id);
            }
            trials.add(trial(id, e.getValue(), params, seeds.get(id)));
        }
        problems.add(0, "These are " + trials.size() + " training log" + (trials.size() == 1 ? "" : "s")
                + " read from " + dir + ", not a keel sweep: each is diagnosed as keel diagnose diagnoses it, and its"
                + " knobs are what the logs say of their runs (" + (noKnobs ? "nothing here, so each log is its own"
                + " configuration" : "keel's trace metadata, a trainer_state.json's batch size, the file and folder"
                + " names, the largest learning rate logged") + ").");
        SweepManifest manifest = new SweepManifest(name(dir), "Training logs in " + dir + ".",
                Map.of("method", METHOD, "metric", objective(trials)), 0, trials.size(), Versions.keel(), null, null,
                null);
        SweepResults r = SweepResults.of(dir, manifest, trials);
        SweepResults withNotes = new SweepResults(r.dir(), r.manifest(), r.trials(), r.objective(), r.knobs(), problems);
        return new LogFolder(withNotes, new TraceLibrary(files::get));
    }

    public SweepResults results() {
        return results;
    }

    public TraceLibrary traces() {
        return traces;
    }

    public StabilityReport report() {
        return StabilityReport.of(results, traces);
    }

    /**
     * The runs of a folder by id: a log directly in it by its name without the extension; a subfolder's one log, or
     * its latest Hugging Face checkpoint's state, by the subfolder's name; a subfolder's several logs by
     * {@code folder/name}.
     */
    static Map<String, Path> runs(Path dir) {
        Map<String, Path> runs = new LinkedHashMap<>();
        try {
            for (Path log : LogFolders.logsIn(dir)) {
                put(runs, stem(log), log);
            }
            List<Path> folders;
            try (Stream<Path> list = Files.list(dir)) {
                folders = list.filter(Files::isDirectory).sorted().toList();
            }
            for (Path folder : folders) {
                List<Path> logs = LogFolders.logsIn(folder);
                String name = folder.getFileName().toString();
                if (logs.isEmpty()) {
                    latestCheckpoint(folder).ifPresent(state -> put(runs, name, state));
                } else if (logs.size() == 1) {
                    put(runs, name, logs.get(0));
                } else {
                    logs.forEach(log -> put(runs, name + "/" + stem(log), log));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("{}: cannot be listed: {}", dir, e.getMessage());
        }
        return runs;
    }

    private static java.util.Optional<Path> latestCheckpoint(Path folder) throws IOException {
        Path best = null;
        long bestStep = -1;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                Matcher m = CHECKPOINT.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve(HF_STATE)) && Long.parseLong(m.group(1)) > bestStep) {
                    bestStep = Long.parseLong(m.group(1));
                    best = p.resolve(HF_STATE);
                }
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static void put(Map<String, Path> runs, String id, Path file) {
        String unique = id;
        for (int i = 2; runs.containsKey(unique); i++) {
            unique = id + "-" + i;
        }
        runs.put(unique, file);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String name(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "logs" : name.toString();
    }

    /**
     * The seed of each run: the one it says, else distinct numbers for runs whose settings keel cannot tell apart,
     * which the report then reads as seeds of one configuration (and says so).
     */
    private static Map<String, Long> seeds(Map<String, LogSettings.Settings> settings, List<String> problems) {
        Map<String, Long> seeds = new HashMap<>();
        Map<String, List<String>> byParams = new LinkedHashMap<>();
        settings.forEach((id, s) -> {
            seeds.put(id, s.seed());
            byParams.computeIfAbsent(Candidate.key(s.params()), k -> new ArrayList<>()).add(id);
        });
        if (settings.values().stream().allMatch(s -> s.params().isEmpty())) {
            return seeds;
        }
        for (List<String> same : byParams.values()) {
            Set<Long> distinct = new HashSet<>();
            same.forEach(id -> distinct.add(seeds.get(id)));
            if (same.size() > 1 && distinct.size() < same.size()) {
                for (int i = 0; i < same.size(); i++) {
                    seeds.put(same.get(i), (long) i + 1);
                }
                problems.add("Logs whose settings keel could not tell apart are read as seeds of one configuration: "
                        + String.join(", ", same) + ".");
            }
        }
        return seeds;
    }

    private static TrialRecord trial(String id, Trace trace, Map<String, Object> params, long seed) {
        Diagnosis d = StabilityClassifier.classify(trace);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(FINAL_LOSS, finalLoss(trace));
        extreme(trace, Trace.VAL_LOSS, false).ifPresent(v -> metrics.put(BEST_VAL_LOSS, v));
        extreme(trace, Trace.VAL_METRIC, true).ifPresent(v -> metrics.put(BEST_VAL_METRIC, v));
        int epochs = (int) extreme(trace, Trace.EPOCH, true).orElse(0.0).doubleValue();
        return new TrialRecord(id, params, seed, TrialStatus.COMPLETED, d.verdict(), d.confidence(),
                d.firstDetectedStep(), d.findings(), metrics, epochs, trace.steps()[trace.size() - 1], Double.NaN, null);
    }

    /** The median of the last rows' training losses (NaN when the last one is not finite: the run ended lost). */
    static double finalLoss(Trace trace) {
        Trace.Column loss = trace.loss();
        int want = Math.max(1, Math.min(FINAL_ROWS, trace.size() / 10));
        List<Double> last = new ArrayList<>();
        for (int r = trace.size() - 1; r >= 0 && last.size() < want; r--) {
            if (loss.has(r)) {
                if (last.isEmpty() && !Double.isFinite(loss.get(r))) {
                    return Double.NaN;
                }
                if (Double.isFinite(loss.get(r))) {
                    last.add(loss.get(r));
                }
            }
        }
        if (last.isEmpty()) {
            return Double.NaN;
        }
        double[] v = last.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static java.util.Optional<Double> extreme(Trace trace, String column, boolean max) {
        return trace.column(column).flatMap(c -> {
            Double best = null;
            for (int r = 0; r < trace.size(); r++) {
                if (c.has(r) && Double.isFinite(c.get(r)) && (best == null || (max ? c.get(r) > best : c.get(r) < best))) {
                    best = c.get(r);
                }
            }
            return java.util.Optional.ofNullable(best);
        });
    }

    /** The best validation metric where any log has one, else the best validation loss, else the final loss. */
    private static Map<String, Object> objective(List<TrialRecord> trials) {
        for (String name : List.of(BEST_VAL_METRIC, BEST_VAL_LOSS)) {
            if (trials.stream().anyMatch(t -> !Double.isNaN(t.metric(name)))) {
                return Map.of("name", name, "goal", name.equals(BEST_VAL_METRIC) ? "maximize" : "minimize");
            }
        }
        return Map.of("name", FINAL_LOSS, "goal", "minimize");
    }
}
