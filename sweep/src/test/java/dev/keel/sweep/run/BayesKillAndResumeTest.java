package dev.keel.sweep.run;

import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The kill test for {@code method: bayes}, whose configurations depend on the trials that finished before them: a
 * sweep process killed with SIGKILL mid-run and resumed ends with every planned trial exactly once, keeps every
 * line stored before the kill as it was, gives the repeats of a configuration stored before the kill the same
 * configuration after it, and goes on choosing by the model from the stored trials.
 */
class BayesKillAndResumeTest {
    private static final String SPACE = """
            method: bayes
            trials: 14
            repeats: 2
            seed: 5
            data: {source: builtin:breast_cancer}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 3}
              width: {values: [8, 16]}
              epochs: {value: 12}
              early_stopping: {value: none}
            """;
    private static final int STORED_BEFORE_KILL = 7;

    @TempDir
    Path dir;

    @Test
    void aBayesSweepKilledMidRunAndResumedHasEveryTrialOnceAndGoesOnFromTheStoredTrials() throws Exception {
        Path spaceFile = Files.writeString(dir.resolve("killed.yaml"), SPACE);
        SweepSpace space = TestSweeps.space(dir, "killed", SPACE);
        Path run = dir.resolve("run");
        killWhenStored(spaceFile, run);
        List<String> before = Files.readAllLines(run.resolve("trials.jsonl"));
        Set<String> stored = ResultStore.open(run).trials().stream().map(TrialRecord::id).collect(Collectors.toSet());
        assertThat(stored.size()).as("trials stored when the process was killed")
                .isBetween(STORED_BEFORE_KILL - 1, space.plannedTrials() - 1);

        TestSweeps.Recording resumed = new TestSweeps.Recording(new LocalExecutor(2));
        SweepRunner.resume(run, resumed, SweepProgress.NONE);

        List<TrialRecord> lines = TestSweeps.lines(run);
        List<String> planned = TrialPlan.of(space).trials().stream().map(t -> t.id()).toList();
        assertThat(lines).extracting(TrialRecord::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(planned);
        assertThat(resumed.ran).hasSize(planned.size() - stored.size()).doesNotContainAnyElementsOf(stored);
        List<String> after = Files.readAllLines(run.resolve("trials.jsonl"));
        for (String line : before) {
            if (line.endsWith("}")) {
                assertThat(after).as("a line stored before the kill").contains(line);
            }
        }
        Map<Integer, Map<String, Object>> byConfiguration = new HashMap<>();
        for (TrialRecord t : lines) {
            Map<String, Object> first = byConfiguration.putIfAbsent(Integer.parseInt(t.id().substring(1, 5)), t.params());
            if (first != null) {
                assertThat(t.params()).as("both repeats of " + t.id()).isEqualTo(first);
            }
            assertThat(t.chosenBy()).as(t.id()).isNotNull();
        }
        // The startup is 5 trials asked (a tenth of 14 configurations, at least 5): the first three configurations,
        // six trials with their repeats, or fewer if a startup configuration was in flight at the kill and chosen
        // again by the model; the model chooses the rest.
        assertThat(lines.stream().filter(t -> t.chosenBy() == ChosenBy.MODEL).count()).isGreaterThanOrEqualTo(22);
        assertThat(lines.stream().filter(t -> t.chosenBy() == ChosenBy.STARTUP).count()).isBetween(4L, 6L);
    }

    /** Starts the sweep in another JVM and kills it (SIGKILL) once a few trials are stored. */
    private void killWhenStored(Path spaceFile, Path run) throws Exception {
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the sweep process ended (exit " + process.exitValue() + ") before it was killed: "
                            + Files.readString(dir.resolve("process.log")));
                }
                if (Files.exists(trials) && Files.readAllLines(trials).size() >= STORED_BEFORE_KILL) {
                    process.destroyForcibly();
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    return;
                }
                Thread.sleep(10);
            }
            fail("too few trials were stored within 300 s: " + Files.readString(dir.resolve("process.log")));
        } finally {
            process.destroyForcibly();
        }
    }
}
