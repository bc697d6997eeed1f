package dev.keel.report.model;

import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import dev.keel.sweep.store.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads trials' traces for the report. A missing or unreadable trace costs that trial its curves, never
 * the report: the problem is logged and listed among the report's notes. Safe to read from several threads.
 * Traces named by {@link #keep} are kept once read, so that a chart drawing one again does not parse it
 * twice; the others are not, so that a report of thousands of trials holds one trace at a time per thread.
 */
public final class TraceLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(TraceLibrary.class);

    private final Function<String, Path> paths;
    private final Map<String, Trace> alreadyRead;
    private final Set<String> problems = new LinkedHashSet<>();
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Map<String, Trace> kept = new ConcurrentHashMap<>();

    public TraceLibrary(Function<String, Path> paths) {
        this(paths, Map.of());
    }

    private TraceLibrary(Function<String, Path> paths, Map<String, Trace> alreadyRead) {
        this.paths = paths;
        this.alreadyRead = alreadyRead;
    }

    /**
     * Traces read once already (a folder of logs, each read to diagnose it): the report's sections take them as they
     * are, not read again, so a log is parsed once and what reading it says is said once.
     */
    static TraceLibrary ofRead(Map<String, Path> files, Map<String, Trace> read) {
        return new TraceLibrary(files::get, Map.copyOf(read));
    }

    public static TraceLibrary of(ResultStore store) {
        return new TraceLibrary(store::tracePath);
    }

    /** Traces where {@link ResultStore} keeps them: {@code <dir>/traces/<id>.csv}. */
    public static TraceLibrary in(Path resultDir) {
        return new TraceLibrary(id -> resultDir.resolve(ResultStore.TRACES).resolve(id + ".csv"));
    }

    public boolean exists(String trialId) {
        return Files.isRegularFile(paths.apply(trialId));
    }

    /** Keeps the traces of these trials in memory once read. */
    public void keep(Collection<String> trialIds) {
        wanted.addAll(trialIds);
    }

    public Optional<Trace> read(String trialId) {
        Trace read = alreadyRead.get(trialId);
        if (read != null) {
            return Optional.of(read);
        }
        Trace known = kept.get(trialId);
        if (known != null) {
            return Optional.of(known);
        }
        Path file = paths.apply(trialId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Trace trace = TraceReader.read(file);
            if (wanted.contains(trialId)) {
                kept.put(trialId, trace);
            }
            return Optional.of(trace);
        } catch (IOException | RuntimeException e) {
            LOG.warn("trace of trial {} unreadable: {}", trialId, e.getMessage());
            synchronized (problems) {
                problems.add("The trace of trial " + trialId + " could not be read (" + e.getMessage()
                        + "); its curves are missing.");
            }
            return Optional.empty();
        }
    }

    /** What went wrong while reading, one sentence each. */
    public List<String> problems() {
        synchronized (problems) {
            return new ArrayList<>(problems);
        }
    }
}
