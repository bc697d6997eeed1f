package dev.keel.diagnose.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files of a folder are training logs: the one rule {@code keel diagnose FOLDER} and {@code keel report FOLDER}
 * share. Every {@code *.csv}, {@code *.jsonl}, {@code *.ndjson}, {@code *.json}, {@code *.txt}, {@code *.log},
 * {@code *.out} and {@code *.ipynb} directly in the folder, in name order, but the {@code diagnosis.json} keel's
 * listener writes beside its {@code trace.csv}.
 */
public final class LogFolders {
    /** What other tools leave in a folder of runs: logs, exports, what training scripts and notebooks printed. */
    public static final List<String> EXTENSIONS = List.of(".csv", ".jsonl", ".ndjson", ".json", ".txt", ".log",
            ".out", ".ipynb");
    /** The listener's diagnosis of the trace beside it: keel's output, not a log. */
    public static final String LISTENER_DIAGNOSIS = "diagnosis.json";

    private LogFolders() {
    }

    public static boolean isLog(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.equals(LISTENER_DIAGNOSIS) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The logs directly in a folder, in name order. */
    public static List<Path> logsIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> Files.isRegularFile(p) && isLog(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A description of the rule for messages: {@code *.csv, *.jsonl, ...}. */
    public static String patterns() {
        return String.join(", ", EXTENSIONS.stream().map(e -> "*" + e).toList());
    }
}
