package dev.keel.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full or read-only disk is the environment's doing, not a bug (issue 17, item 3): one line, exit 2, nothing
 * stored lost, no temporary file left, and a run whose first write failed can be started again.
 */
class FullAndReadOnlyDiskTest {
    private static final String SPACE = """
            name: small
            method: random
            trials: 3
            seed: 2
            data: {source: builtin:iris}
            parameters:
              learning_rate: {distribution: log_uniform_values, min: 0.001, max: 0.01}
              width: {value: 4}
              epochs: {value: 1}
            """;

    @TempDir
    Path tmp;

    private Terminal terminal;

    @BeforeEach
    void openTerminal() {
        terminal = new Terminal(tmp.resolve("keel.log"));
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    private static List<String> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void aFullDiskAtTheFirstWriteIsOneLineLeavesNothingAndTheRunCanStartAgain() throws Exception {
        Path space = Files.writeString(tmp.resolve("small.yaml"), SPACE);
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), "256k")) {
            Path run = disk.path().resolve("run");
            disk.fill();

            int exit = terminal.run("sweep", space.toString(), "--out", run.toString(), "--quiet");

            assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(terminal.errLines()).singleElement().asString().startsWith("keel: ")
                    .contains("No space left on device");
            assertThat(Terminal.hasStackTrace(terminal.err())).isFalse();
            assertThat(temporaryFiles(disk.path())).isEmpty();

            disk.free();
            terminal.clear();
            assertThat(terminal.run("sweep", space.toString(), "--out", run.toString(), "--quiet"))
                    .as(terminal.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.resolve("trials.jsonl")).content().hasLineCount(3);
        }
    }

    @Test
    void aDiskThatFillsDuringTheSweepKeepsWhatWasStoredAndResumes() throws Exception {
        Path space = Files.writeString(tmp.resolve("small.yaml"), SPACE.replace("trials: 3", "trials: 6"));
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), "1m")) {
            Path run = disk.path().resolve("run");
            assertThat(terminal.run("sweep", space.toString(), "--out", run.toString(), "--quiet", "--trials", "2"))
                    .as(terminal.err()).isZero();
            List<String> stored = Files.readAllLines(run.resolve("trials.jsonl"));
            // Six planned now, and room for a trial or two more: the disk fills while the sweep runs.
            rewritePlan(run, 6);
            disk.fill(12 << 10);
            terminal.clear();

            int exit = terminal.run("sweep", "--resume", run.toString(), "--quiet");

            assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(terminal.errLines()).singleElement().asString().startsWith("keel: ")
                    .contains("No space left on device");
            assertThat(Files.readAllLines(run.resolve("trials.jsonl"))).startsWith(stored.toArray(String[]::new));
            assertThat(temporaryFiles(disk.path())).isEmpty();

            disk.free();
            terminal.clear();
            assertThat(terminal.run("sweep", "--resume", run.toString(), "--quiet")).as(terminal.err()).isZero();
            assertThat(run.resolve("trials.jsonl")).content().hasLineCount(6);
        }
    }

    @Test
    void aReadOnlyDiskStopsAResumeBeforeItTrainsAnything() throws Exception {
        Path space = Files.writeString(tmp.resolve("small.yaml"), SPACE);
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), "1m")) {
            Path run = disk.path().resolve("run");
            assertThat(terminal.run("sweep", space.toString(), "--out", run.toString(), "--quiet", "--trials", "1"))
                    .as(terminal.err()).isZero();
            rewritePlan(run, 3);
            disk.readOnly();
            terminal.clear();

            int exit = terminal.run("sweep", "--resume", run.toString(), "--quiet");

            assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(terminal.errLines()).singleElement().asString().startsWith("keel: ")
                    .contains("Read-only file system");
            assertThat(terminal.log()).doesNotContain("trial t0001-r0");
            assertThat(run.resolve("trials.jsonl")).content().hasLineCount(1);
        }
    }

    /** Plans more trials of the same sweep, as a larger --trials would have: the stored ones stay a prefix. */
    private static void rewritePlan(Path run, int trials) throws IOException {
        Path manifest = run.resolve("sweep.json");
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replaceAll("\"trials\" : \\d+", "\"trials\" : " + trials)
                .replaceAll("\"planned_trials\" : \\d+", "\"planned_trials\" : " + trials));
    }
}
