package dev.keel.listener;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.DiagnosisJson;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.trace.TraceCsvAppender;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The listener's folder: {@code trace.csv}, written a row at a time while training runs (so that {@code keel
 * diagnose --follow} and {@code keel report} can read it), and {@code diagnosis.json}, written when the run is
 * diagnosed. Rows reach the file at most {@link #FLUSH_NANOS} after they are recorded.
 */
final class RunFolder {
    static final String TRACE = "trace.csv";
    static final String DIAGNOSIS = "diagnosis.json";
    /** A live reader sees rows within a second; flushing more often would cost a system call a step. */
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final Path dir;
    private TraceCsvAppender rows;
    private long lastFlush = System.nanoTime();

    RunFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path trace() {
        return dir.resolve(TRACE);
    }

    /** Starts {@code trace.csv} afresh: the metadata and the header. */
    void start(Map<String, String> metadata, List<String> columns) {
        try {
            Files.createDirectories(dir);
            BufferedWriter out = Files.newBufferedWriter(trace(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            rows = new TraceCsvAppender(out, metadata, columns);
            rows.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("keel: cannot write " + trace(), e);
        }
    }

    void row(long step, double[] cells, boolean[] present) {
        try {
            rows.row(step, cells, present);
            long now = System.nanoTime();
            if (now - lastFlush > FLUSH_NANOS) {
                rows.flush();
                lastFlush = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("keel: cannot write " + trace(), e);
        }
    }

    void flush() {
        try {
            rows.flush();
            lastFlush = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("keel: cannot write " + trace(), e);
        }
    }

    /** Writes {@code diagnosis.json}: the diagnosis as {@code keel diagnose --json} gives it, and how training ended. */
    void diagnosis(Diagnosis d, long steps, Long stoppedAt, String stopReason) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("file", trace().toString());
        DiagnosisJson.verdict(root, d);
        root.put("steps", steps);
        if (stoppedAt == null) {
            root.putNull("stopped_at_step");
            root.putNull("stop_reason");
        } else {
            root.put("stopped_at_step", stoppedAt);
            root.put("stop_reason", stopReason);
        }
        root.putArray("notes");
        Path target = dir.resolve(DIAGNOSIS);
        Path tmp = dir.resolve(DIAGNOSIS + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(tmp, DiagnosisJson.text(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("keel: cannot write " + target, e);
        }
    }
}
