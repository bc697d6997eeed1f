package dev.keel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keel diagnose --follow}: a log written while keel watches it, as a training script writes one. */
@Timeout(120)
class DiagnoseFollowTest {
    private static final Pattern EVENT = Pattern.compile("step (\\d+): (stable|oscillating|diverging|vanishing)"
            + " \\(confidence (\\d\\.\\d\\d)\\): \\S.*");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aLogThatBlowsUpIsReportedDivergingWithinTenStepsOfTheFinishedFilesDetection() throws Exception {
        Path log = dir.resolve("train.csv");
        Thread writer = writeSlowly(log, List.of(blowUp()), 5);
        int code = run("diagnose", "--follow", log.toString(), "--exit-on", "diverging", "--idle", "30");
        writer.join();

        assertThat(code).isEqualTo(ExitCodes.VERDICT_REACHED);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).isNotEmpty().allMatch(l -> EVENT.matcher(l).matches());
        Matcher last = EVENT.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).isTrue();
        assertThat(last.group(2)).isEqualTo("diverging");

        StringWriter finished = new StringWriter();
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(finished));
        assertThat(cl.execute("diagnose", "--json", log.toString())).isZero();
        JsonNode offline = Json.mapper().readTree(finished.toString());
        assertThat(offline.get("verdict").asText()).isEqualTo("diverging");
        assertThat(Long.parseLong(last.group(1))).isLessThanOrEqualTo(offline.get("first_detected_step").asLong() + 10);
    }

    @Test
    void followsAFileThatDoesNotExistYetAndPrintsOneJsonObjectPerChange() throws Exception {
        Path log = dir.resolve("later/metrics.jsonl");
        Files.createDirectories(log.getParent());
        StringBuilder jsonl = new StringBuilder();
        for (int step = 1; step <= 60; step++) {
            jsonl.append(String.format(Locale.ROOT, "{\"step\": %d, \"loss\": %.4f}%n", step, 2.3 * Math.exp(-step / 15.0) + 0.05));
        }
        jsonl.append("{\"step\": 61, \"loss\": NaN}\n");
        Thread writer = writeSlowly(log, List.of(jsonl.toString()), 2, 600);
        int code = run("diagnose", "--follow", log.toString(), "--json", "--exit-on", "DIVERGING", "--idle", "30");
        writer.join();

        assertThat(code).isEqualTo(ExitCodes.VERDICT_REACHED);
        assertThat(err.toString()).contains("no such file yet");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSizeBetween(1, 2);
        for (String line : lines) {
            JsonNode event = Json.mapper().readTree(line);
            assertThat(event.fieldNames()).toIterable().containsExactly("step", "verdict", "confidence", "findings");
        }
        JsonNode last = Json.mapper().readTree(lines.get(lines.size() - 1));
        assertThat(last.get("verdict").asText()).isEqualTo("diverging");
        assertThat(last.get("step").asLong()).isEqualTo(61);
        assertThat(last.get("findings").get(0).get("rule").asText()).isEqualTo("non_finite_loss");
    }

    @Test
    void survivesHalfWrittenLinesAndATruncatedFileAndFollowsTheNewRun() throws Exception {
        Path log = dir.resolve("run.csv");
        String first = falling(90, 1);
        String second = "step,loss\n" + "1,5.0\n2,4.0\n3,3.5\n4,NaN\n";
        Thread writer = writeSlowly(log, List.of(first, second), 2);
        int code = run("diagnose", "--follow", log.toString(), "--exit-on", "diverging", "--idle", "30");
        writer.join();

        assertThat(code).isEqualTo(ExitCodes.VERDICT_REACHED);
        assertThat(err.toString()).contains("the log starts again");
        assertThat(err.toString().lines()).noneMatch(l -> l.startsWith("step "));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).allMatch(l -> EVENT.matcher(l).matches());
        assertThat(lines.get(0)).contains(": stable (");
        assertThat(lines.get(lines.size() - 1)).startsWith("step 4: diverging (confidence ");
    }

    @Test
    void endsAfterIdleSecondsWithTheFinishedLogsVerdict() throws Exception {
        Path log = Files.writeString(dir.resolve("short.csv"), "epoch,loss,val_loss\n" + epochs());
        long started = System.nanoTime();
        assertThat(run("diagnose", "--follow", log.toString(), "--idle", "1")).isZero();
        assertThat((System.nanoTime() - started) / 1e9).isGreaterThanOrEqualTo(1.0);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).singleElement().matches(l -> EVENT.matcher(l).matches());
        StringWriter finished = new StringWriter();
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(finished));
        cl.execute("diagnose", log.toString());
        assertThat(lines.get(0)).contains(": " + finished.toString().lines().findFirst().orElseThrow()
                .replaceAll(".*: (\\w+) \\(confidence.*", "$1") + " (");
    }

    @Test
    void refusesWhatItCannotFollow() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "step,loss\n1,1\n");
        assertThat(run("diagnose", "--follow", a.toString(), a.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("diagnose", "--follow", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("diagnose", "--follow", a.toString(), "--exit-on", "exploding")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("diagnose", a.toString(), "--idle", "3")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("diagnose", "--follow", a.toString(), "--idle", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--follow takes one file").contains("not a folder")
                .contains("unknown verdict 'exploding'").contains("go with --follow").contains("above 0");
        assertThat(out.toString()).isEmpty();
    }

    /** Falls with minibatch noise for 100 steps, then climbs to about 30x its start and stays there. */
    private static String blowUp() {
        Random rng = new Random(11);
        StringBuilder csv = new StringBuilder("step,loss\n");
        double loss = 2.3;
        for (int step = 1; step <= 260; step++) {
            if (step <= 100) {
                loss = (2.3 * Math.exp(-step / 30.0) + 0.2) * Math.exp(0.1 * rng.nextGaussian());
            } else {
                loss = Math.min(loss * 1.25, 70) * Math.exp(0.05 * rng.nextGaussian());
            }
            csv.append(step).append(',').append(String.format(Locale.ROOT, "%.5f", loss)).append('\n');
        }
        return csv.toString();
    }

    private static String falling(int steps, long seed) {
        Random rng = new Random(seed);
        StringBuilder csv = new StringBuilder("step,loss\n");
        for (int step = 1; step <= steps; step++) {
            double loss = (2.3 * Math.exp(-step / 20.0) + 0.1) * Math.exp(0.05 * rng.nextGaussian());
            csv.append(step).append(',').append(String.format(Locale.ROOT, "%.5f", loss)).append('\n');
        }
        return csv.toString();
    }

    private static String epochs() {
        StringBuilder csv = new StringBuilder();
        for (int e = 0; e < 12; e++) {
            csv.append(e).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f", 1.5 / (1 + e), 1.6 / (1 + e)))
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * Writes each run in turn as a training script would: a few bytes at a time (lines cut in half), a pause between
     * writes; each run after the first truncates the file first.
     */
    private static Thread writeSlowly(Path file, List<String> runs, long pauseMillis) {
        return writeSlowly(file, runs, pauseMillis, 0);
    }

    private static Thread writeSlowly(Path file, List<String> runs, long pauseMillis, long startAfterMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(startAfterMillis);
                Random cuts = new Random(3);
                Iterator<String> it = runs.iterator();
                while (it.hasNext()) {
                    String run = it.next();
                    Files.writeString(file, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
                    for (String piece : pieces(run, cuts)) {
                        Files.writeString(file, piece, StandardOpenOption.APPEND);
                        Thread.sleep(pauseMillis);
                    }
                    if (it.hasNext()) {
                        Thread.sleep(800);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "log-writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The text in pieces of 5 to 40 characters: lines are cut anywhere, as a writer's buffer cuts them. */
    private static List<String> pieces(String text, Random rng) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = Math.min(text.length(), i + 5 + rng.nextInt(36));
            pieces.add(text.substring(i, end));
            i = end;
        }
        return pieces;
    }
}
