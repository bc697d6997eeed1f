package dev.keel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keel sweep} as a user runs it: what goes to stdout and stderr, and the exit codes. */
class SweepCommandTest {
    private static final String FOUR_TRIALS = """
            name: four
            method: random
            trials: 4
            seed: 3
            data: {source: builtin:breast_cancer}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {distribution: log_uniform_values, min: 0.003, max: 0.1}
              width: {value: 8}
              depth: {value: 1}
              epochs: {value: 2}
            """;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int keel(String... args) {
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String space(String name, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), yaml).toString();
    }

    @Test
    void aSweepPrintsItsSummaryOnStdoutAndItsProgressOnStderr() throws IOException {
        Path run = tmp.resolve("run");

        int exit = keel("sweep", space("four", FOUR_TRIALS), "--out", run.toString(), "--workers", "2");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("four: 4 trials in ")
                .containsPattern("verdicts  stable \\d+   oscillating \\d+   diverging \\d+   vanishing \\d+   failed 0")
                .contains("best stable trials by val_accuracy (maximize):")
                .contains("optimizer", "learning_rate")
                .contains("report: ")
                .doesNotContain("[1/4", "\r");
        assertThat(err.toString())
                .contains("sweep four: 4 trials on 2 workers -> ")
                .containsPattern("\\[1/4 0:\\d\\d[^\\]]*\\] t000\\d-r0 ")
                .contains("[4/4 ")
                .contains("optimizer=", "learning_rate=")
                .doesNotContain("verdicts  ", "\r");
        assertThat(err.toString().indexOf("data: task: classification")).as("how the data was read, before trial 1")
                .isNotNegative().isLessThan(err.toString().indexOf("[1/4 "));
        assertThat(err.toString().indexOf("data: split: ")).as("the split, before trial 1")
                .isNotNegative().isLessThan(err.toString().indexOf("[1/4 "));
        assertThat(run.resolve("trials.jsonl")).content().hasLineCount(4);
        assertThat(run.resolve("report.html")).isRegularFile();
    }

    @Test
    void quietPrintsNoProgress() throws IOException {
        int exit = keel("sweep", space("four", FOUR_TRIALS), "--out", tmp.resolve("run").toString(), "--quiet",
                "--trials", "1");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("four: 1 trials in ", "verdicts  ");
    }

    @Test
    void trialsAndSeedFromTheCommandLineAreRecordedInSweepJson() throws IOException {
        Path run = tmp.resolve("run");

        int exit = keel("sweep", space("four", FOUR_TRIALS), "--out", run.toString(), "--trials", "3", "--seed", "9",
                "--quiet");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        JsonNode manifest = Json.mapper().readTree(run.resolve("sweep.json").toFile());
        assertThat(manifest.get("planned_trials").asInt()).isEqualTo(3);
        assertThat(manifest.get("seed").asLong()).isEqualTo(9);
        assertThat(manifest.at("/space/trials").asInt()).isEqualTo(3);
        assertThat(manifest.at("/space/seed").asLong()).isEqualTo(9);
        assertThat(run.resolve("trials.jsonl")).content().hasLineCount(3);
    }

    @Test
    void aSweepWhoseTrialDivergesStillSucceeds() throws IOException {
        String blowUp = space("blow-up", """
                method: grid
                data: {source: builtin:breast_cancer}
                parameters:
                  optimizer: {value: sgd}
                  learning_rate: {value: 10}
                  preprocess: {value: none}
                  width: {value: 8}
                  epochs: {value: 5}
                """);

        int exit = keel("sweep", blowUp, "--out", tmp.resolve("run").toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("diverging 1").contains("(1 pruned early)")
                .contains("no stable trial with a finite val_loss");
        assertThat(err.toString()).containsPattern("\\] t0000-r0 diverging \\(pruned at step \\d+\\)");
    }

    @Test
    void aBadSpaceIsOneLineOnStderrWithExitTwoAndWritesNothing() throws IOException {
        String bad = space("bad", FOUR_TRIALS.replace("trials: 4", "trails: 4"));
        Path run = tmp.resolve("run");

        int exit = keel("sweep", bad, "--out", run.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("keel: " + bad + ":3: key 'trails': unknown key (did you mean 'trials'?)");
        assertThat(run).doesNotExist();
    }

    @Test
    void resumingAFolderThatIsNotAStoreIsBadInput() throws IOException {
        Path notAStore = Files.createDirectories(tmp.resolve("photos"));

        int exit = keel("sweep", "--resume", notAStore.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("keel: " + notAStore + ": not a keel result folder (no sweep.json)");
    }

    @Test
    void resumeCannotChangeThePlan() throws IOException {
        int exit = keel("sweep", "--resume", tmp.toString(), "--trials", "9");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("keel: keel sweep --resume: --trials, --seed and --out cannot change a sweep");
    }

    @Test
    void resumingAFinishedSweepRunsNothingAndPrintsTheSummaryAgain() throws IOException {
        Path run = tmp.resolve("run");
        assertThat(keel("sweep", space("four", FOUR_TRIALS), "--out", run.toString(), "--trials", "2", "--quiet"))
                .isEqualTo(ExitCodes.OK);
        String firstSummary = out.toString();
        out.getBuffer().setLength(0);

        int exit = keel("sweep", "--resume", run.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("resuming: 2 of 2 trials already stored").doesNotContain("[1/2");
        assertThat(out.toString()).contains("four: 2 trials in ");
        assertThat(summaryTable(out.toString())).isEqualTo(summaryTable(firstSummary));
        assertThat(run.resolve("trials.jsonl")).content().hasLineCount(2);
    }

    @Test
    void aSecondSweepIntoTheSameFolderIsRefused() throws IOException {
        Path run = tmp.resolve("run");
        String four = space("four", FOUR_TRIALS);
        assertThat(keel("sweep", four, "--out", run.toString(), "--trials", "1", "--quiet")).isEqualTo(ExitCodes.OK);

        int exit = keel("sweep", four, "--out", run.toString(), "--trials", "1", "--quiet");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().lines()).singleElement().asString().isEqualTo("keel: --out " + run
                + ": already holds a keel run; continue it with keel sweep --resume " + run + ", or choose another --out");
        assertThat(run.resolve("trials.jsonl")).content().hasLineCount(1);
    }

    /** The summary without its first line, which has the wall time. */
    private static String summaryTable(String stdout) {
        return stdout.substring(stdout.indexOf("verdicts"), stdout.indexOf("report: "));
    }
}
