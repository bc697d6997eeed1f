package dev.keel.sweep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceCsvWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk record of a sweep (docs/DESIGN.md, The result store):
 * {@code sweep.json}, {@code trials.jsonl} and {@code traces/<id>.csv}.
 *
 * <p>Appends are crash-safe: the trace is written to a temporary file and renamed, then the trial's line
 * is appended in a single write and forced to disk. A sweep killed mid-write leaves at most a truncated
 * last line: reading leaves it out, and the next {@link #append} cuts it off, so that trial runs again on resume.
 */
public final class ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);

    public static final String MANIFEST = "sweep.json";
    public static final String TRIALS = "trials.jsonl";
    public static final String TRACES = "traces";
    public static final String REPORT = "report.html";

    private final Path dir;
    private final SweepManifest manifest;
    private final Map<String, TrialRecord> trials;
    private final List<String> problems;

    private ResultStore(Path dir, SweepManifest manifest, Map<String, TrialRecord> trials, List<String> problems) {
        this.dir = dir;
        this.manifest = manifest;
        this.trials = trials;
        this.problems = List.copyOf(problems);
    }

    /**
     * Starts a new store; fails if {@code dir} already holds a sweep. sweep.json is written first, whole or not at
     * all, so a folder whose first write failed (a full disk) holds no run and can be started again.
     */
    public static ResultStore create(Path dir, SweepManifest manifest) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(MANIFEST);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(dir + ": already holds a keel run; continue it with keel sweep --resume " + dir
                    + ", or choose another --out");
        }
        writeAtomically(target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        Files.createDirectories(dir.resolve(TRACES));
        return new ResultStore(dir, manifest, new LinkedHashMap<>(), List.of());
    }

    /**
     * Opens an existing store to read it or to resume it, without changing any file: a report may read a
     * sweep that is still running, or a folder it may not write. trials.jsonl is read by {@link TrialsFile}:
     * an unreadable line is skipped and named in {@link #problems()}, and that trial runs again on resume;
     * when a trial id appears twice, the first line wins.
     */
    public static ResultStore open(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile + ": not a keel result folder (no " + MANIFEST + ")");
        }
        SweepManifest manifest;
        try {
            manifest = Json.mapper().readValue(manifestFile.toFile(), SweepManifest.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new CorruptStoreException(manifestFile + ": unreadable sweep manifest (" + firstLine(e) + ")");
        }
        TrialsFile file = TrialsFile.read(dir);
        return new ResultStore(dir, manifest, new LinkedHashMap<>(file.trials()), file.problems());
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        m = m == null ? e.getClass().getSimpleName() : m;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public Path dir() {
        return dir;
    }

    public SweepManifest manifest() {
        return manifest;
    }

    /**
     * Rewrites sweep.json (atomically) and returns the store reopened on it, e.g. to let a budgeted sweep
     * plan more trials of the same prefix-stable plan before resuming it.
     */
    public static ResultStore replaceManifest(Path dir, SweepManifest manifest) throws IOException {
        writeAtomically(dir.resolve(MANIFEST), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        return open(dir);
    }

    /** The lines of trials.jsonl left out when the store was opened, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    /** Finished trials in the order they finished. */
    public synchronized List<TrialRecord> trials() {
        return List.copyOf(trials.values());
    }

    public synchronized boolean has(String trialId) {
        return trials.containsKey(trialId);
    }

    public Path tracePath(String trialId) {
        return dir.resolve(TRACES).resolve(trialId + ".csv");
    }

    public Path reportPath() {
        return dir.resolve(REPORT);
    }

    /**
     * Records a finished trial: its trace first (if any), then its line. A trial id already stored is
     * ignored, so a retried task cannot write a trial twice.
     *
     * @return whether the trial was written
     */
    public synchronized boolean append(TrialRecord record, Trace trace) throws IOException {
        if (trials.containsKey(record.id())) {
            LOG.warn("trial {} is already in {}; the duplicate result is ignored", record.id(), dir);
            return false;
        }
        if (trace != null) {
            StringWriter csv = new StringWriter();
            TraceCsvWriter.write(trace, csv);
            OutputFile.write(tracePath(record.id()), csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] line = (Json.mapper().writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(dir.resolve(TRIALS), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            endOnLineBoundary(ch);
            long end = ch.size();
            ch.position(end);
            ByteBuffer buf = ByteBuffer.wrap(line);
            try {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            } catch (IOException e) {
                // A full disk: take back what part of the line was written, so the file ends on a whole line.
                try {
                    ch.truncate(end);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }
        trials.put(record.id(), record);
        return true;
    }

    /**
     * Makes sure the next line starts on a line of its own. What follows the last newline is a line cut
     * short by a kill (or by a failed write): it is cut off, and that trial runs again. If it is a whole
     * record that only lacks its newline (an edited file), the newline is added instead, keeping the result.
     */
    private void endOnLineBoundary(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || byteAt(ch, size - 1) == '\n') {
            return;
        }
        long lineStart = size - 1;
        while (lineStart > 0 && byteAt(ch, lineStart - 1) != '\n') {
            lineStart--;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) (size - lineStart));
        while (tail.hasRemaining() && ch.read(tail, lineStart + tail.position()) > 0) {
            // read the whole tail
        }
        TrialRecord whole = TrialsFile.parse(new String(tail.array(), StandardCharsets.UTF_8).strip());
        if (whole != null) {
            ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        } else {
            LOG.warn("{}: cut off an incomplete last line of {} bytes", dir.resolve(TRIALS), size - lineStart);
            ch.truncate(lineStart);
        }
    }

    private static byte byteAt(FileChannel ch, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, position);
        return one.get(0);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        OutputFile.write(target, bytes);
    }

    /** A folder that is not a keel result store. */
    public static final class NoSuchFileException extends java.nio.file.NoSuchFileException {
        public NoSuchFileException(String message) {
            super(message);
        }
    }

    /** sweep.json cannot be read. */
    public static final class CorruptStoreException extends IOException {
        public CorruptStoreException(String message) {
            super(message);
        }
    }

}
