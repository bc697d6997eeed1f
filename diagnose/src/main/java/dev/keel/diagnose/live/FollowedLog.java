package dev.keel.diagnose.live;

import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A log file another program is writing, read whole each time it changes: appended CSV or JSON Lines, or a file
 * rewritten in place ({@code trainer_state.json}, Lightning's {@code metrics.csv}). What it holds is read as {@code
 * keel diagnose} reads the finished file. A line the writer has not finished is left for the next read (and taken as it
 * is by {@link #readToEnd()}); a file that does not parse (half rewritten), is empty or has gone keeps the rows read
 * before. A file whose first rows are no longer those read before (truncated and written
 * again, or replaced by a new file of the same name) is a new run.
 */
public final class FollowedLog {
    /** What a read found. */
    public enum State {
        /** No file at the path (yet, or any more). */
        ABSENT,
        /** A file with no rows to read yet, or that does not parse now (see {@link Snapshot#problem()}). */
        WAITING,
        /** The same as at the last read. */
        UNCHANGED,
        /** The run read before, with rows added (or filled in). */
        GROWN,
        /** A different run from the one read before: the file was truncated or replaced. */
        RESTARTED
    }

    /**
     * @param state   what the read found
     * @param trace   the rows of the current run (those read before, when the file does not parse now)
     * @param problem why the file does not parse now, or {@code null}
     */
    public record Snapshot(State state, Trace trace, String problem) {
    }

    private static final int SAME_START_ROWS = 3;

    private final Path file;
    private Object lastKey;
    private long lastSize = -1;
    private FileTime lastModified;
    private boolean unfinishedLine;
    private Trace current = Trace.builder(Trace.RUN_COLUMNS).build();

    public FollowedLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Reads the file if it changed since the last read. */
    public Snapshot read() {
        return read(false);
    }

    /**
     * Reads the file once more when following ends: a last line the writer never finished is taken as it is (a log
     * that ends without a newline), which a read while it is written leaves for the writer to finish.
     */
    public Snapshot readToEnd() {
        return read(true);
    }

    private Snapshot read(boolean toEnd) {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            boolean changed = !(Objects.equals(attributes.fileKey(), lastKey) && attributes.size() == lastSize
                    && attributes.lastModifiedTime().equals(lastModified));
            if (!changed && !(toEnd && unfinishedLine)) {
                return new Snapshot(State.UNCHANGED, current, null);
            }
            lastKey = attributes.fileKey();
            lastSize = attributes.size();
            lastModified = attributes.lastModifiedTime();
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            lastKey = null;
            lastSize = -1;
            return new Snapshot(State.ABSENT, current, null);
        } catch (IOException e) {
            return new Snapshot(State.WAITING, current, file + ": cannot be read (" + e.getMessage() + ")");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new Snapshot(State.WAITING, current, null);
        }
        int end = text.lastIndexOf('\n');
        unfinishedLine = end < text.length() - 1;
        if (!unfinishedLine || toEnd) {
            return parsed(text, null);
        }
        // Whole lines only: a writer's buffer may end mid-number. A JSON document rewritten in place
        // (trainer_state.json) may end without a newline, and is read whole when its lines alone do not parse.
        Snapshot lines = parsed(text.substring(0, end + 1), null);
        return lines.problem() == null ? lines : parsed(text, lines.problem());
    }

    private Snapshot parsed(String text, String earlierProblem) {
        Trace trace;
        try {
            trace = TraceReader.read(file.toString(), text);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(State.WAITING, current, earlierProblem != null ? earlierProblem : e.getMessage());
        }
        if (trace.size() == 0) {
            return new Snapshot(State.WAITING, current, null);
        }
        if (current.size() > 0 && !sameStart(current, trace)) {
            current = trace;
            return new Snapshot(State.RESTARTED, current, null);
        }
        if (trace.size() < current.size()) {
            return new Snapshot(State.UNCHANGED, current, null); // rewritten and not yet back where it was
        }
        current = trace;
        return new Snapshot(State.GROWN, current, null);
    }

    /** Whether two reads begin with the same rows: the same steps and training losses. */
    private static boolean sameStart(Trace a, Trace b) {
        int rows = Math.min(SAME_START_ROWS, Math.min(a.size(), b.size()));
        Trace.Column la = a.loss();
        Trace.Column lb = b.loss();
        for (int r = 0; r < rows; r++) {
            if (a.steps()[r] != b.steps()[r] || la.has(r) != lb.has(r)
                    || la.has(r) && Double.compare(la.get(r), lb.get(r)) != 0) {
                return false;
            }
        }
        return true;
    }
}
