package dev.keel.sweep.run;

import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The kill test: a sweep process killed with SIGKILL mid-run, with a line cut short as a kill during a
 * write leaves it, then resumed, ends with every planned trial exactly once, no corrupt line, and the same results
 * as a sweep that was never interrupted.
 */
class KillAndResumeTest {
    private static final String SPACE = """
            method: random
            trials: 16
            seed: 11
            data: {source: builtin:breast_cancer}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {distribution: log_uniform_values, min: 0.001, max: 0.3}
              width: {values: [8, 16]}
              depth: {values: [1, 2]}
              epochs: {value: 20}             # long enough that the kill lands mid-sweep on a fast machine too
              early_stopping: {value: none}
            """;
    private static final int STORED_BEFORE_KILL = 3;

    @TempDir
    Path dir;

    @Test
    void aSweepKilledMidRunAndResumedHasEveryTrialOnceAndTheSameResultsAsAnUninterruptedOne() throws Exception {
        Path spaceFile = Files.writeString(dir.resolve("killed.yaml"), SPACE);
        SweepSpace space = TestSweeps.space(dir, "killed", SPACE);
        Path reference = dir.resolve("reference");
        Map<String, TrialRecord> expected = SweepRunner.start(space, reference, new LocalExecutor(2),
                SweepProgress.NONE).trials().stream().collect(Collectors.toMap(TrialRecord::id, Function.identity()));

        Path run = dir.resolve("run");
        int storedAtKill = killWhenStored(spaceFile, run);
        assertThat(storedAtKill).as("trials stored when the process was killed")
                .isBetween(STORED_BEFORE_KILL, space.plannedTrials() - 1);

        // A kill during a write leaves the start of a line without its end.
        Set<String> stored = ResultStore.open(run).trials().stream().map(TrialRecord::id).collect(Collectors.toSet());
        String cut = TrialPlan.of(space).trials().stream().map(PlannedTrial::id).filter(id -> !stored.contains(id))
                .findFirst().orElseThrow();
        String line = Files.readAllLines(reference.resolve("trials.jsonl")).stream()
                .filter(l -> l.startsWith("{\"id\":\"" + cut + "\"")).findFirst().orElseThrow();
        Files.writeString(run.resolve("trials.jsonl"), line.substring(0, line.length() / 2),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        TestSweeps.Recording resumed = new TestSweeps.Recording(new LocalExecutor(2));
        SweepRunner.resume(run, resumed, SweepProgress.NONE);

        List<TrialRecord> lines = TestSweeps.lines(run);
        assertThat(lines).extracting(TrialRecord::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(resumed.ran).contains(cut).hasSize(expected.size() - stored.size()).doesNotContainAnyElementsOf(stored);
        for (TrialRecord t : lines) {
            TrialRecord want = expected.get(t.id());
            assertThat(t.status()).as(t.id()).isEqualTo(want.status());
            assertThat(t.verdict()).as(t.id()).isEqualTo(want.verdict());
            assertThat(t.metrics()).as(t.id()).isEqualTo(want.metrics());
            assertThat(t.steps()).as(t.id()).isEqualTo(want.steps());
            assertThat(run.resolve("traces").resolve(t.id() + ".csv")).as(t.id())
                    .hasSameTextualContentAs(reference.resolve("traces").resolve(t.id() + ".csv"));
        }
    }

    /** Starts the sweep in another JVM and kills it (SIGKILL) once a few trials are stored; returns how many were. */
    private int killWhenStored(Path spaceFile, Path run) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The launcher's flags (jvm.flags), which the pom passes to the tests as keel.jvm.flags.
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(System.getProperty("keel.jvm.flags").split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SweepProcess.class.getName(),
                spaceFile.toString(), run.toString(), "2"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("process.log").toFile());
        Process process = pb.start();
        try {
            Path trials = run.resolve("trials.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the sweep process ended (exit " + process.exitValue() + ") before it was killed: "
                            + Files.readString(dir.resolve("process.log")));
                }
                if (Files.exists(trials) && Files.readAllLines(trials).size() >= STORED_BEFORE_KILL) {
                    process.destroyForcibly();
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
                    return Files.readAllLines(trials).size();
                }
                Thread.sleep(10);
            }
            fail("no trial was stored within 120 s: " + Files.readString(dir.resolve("process.log")));
            return 0;
        } finally {
            process.destroyForcibly();
        }
    }
}
