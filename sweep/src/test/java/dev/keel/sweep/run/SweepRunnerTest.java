package dev.keel.sweep.run;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Verdict;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole sweep on tiny data: the store it leaves, a trial that fails, and resume. */
class SweepRunnerTest {
    private static final String FOUR_TRIALS = """
            method: random
            trials: 4
            seed: 3
            data: {source: builtin:breast_cancer}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {distribution: log_uniform_values, min: 0.003, max: 0.1}
              width: {values: [8, 16]}
              depth: {value: 1}
              epochs: {value: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void aSweepStoresEveryPlannedTrialOnceWithItsTraceVerdictAndMetrics() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "four", FOUR_TRIALS);
        List<TrialRecord> progress = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        int[] started = new int[2];
        SweepProgress watcher = new SweepProgress() {
            @Override
            public void started(int total, int alreadyDone) {
                started[0] = total;
                started[1] = alreadyDone;
            }

            @Override
            public void trialFinished(TrialRecord record) {
                progress.add(record);
            }

            @Override
            public void noTrialLeftToStart(int stillRunning) {
                idle.add(progress.size() + " stored, " + stillRunning + " running");
            }
        };

        // Trial by trial (FusedExecutorTest covers fused groups, the default for this space).
        ResultStore store = SweepRunner.start(space, dir.resolve("run"), LocalExecutor.trialByTrial(2), watcher);
        // With 2 workers the fourth trial is handed out when the second ends: once the third is stored, one worker
        // has nothing left to do (the CLI warms its report up then), and it is said once.
        assertThat(idle).containsExactly("3 stored, 1 running");

        List<TrialRecord> lines = TestSweeps.lines(dir.resolve("run"));
        long stepsPerEpoch = (store.manifest().data().trainRows() + 31) / 32;
        assertThat(lines).extracting(TrialRecord::id)
                .containsExactlyInAnyOrderElementsOf(planIds(space));
        assertThat(started).containsExactly(4, 0);
        assertThat(progress).extracting(TrialRecord::id).containsExactlyElementsOf(
                lines.stream().map(TrialRecord::id).toList());
        assertThat(ResultStore.open(dir.resolve("run")).trials()).isEqualTo(store.trials());
        for (TrialRecord t : lines) {
            assertThat(t.status()).isIn(TrialStatus.COMPLETED, TrialStatus.PRUNED);
            assertThat(t.verdict()).isNotNull();
            assertThat(t.confidence()).isBetween(0.0, 1.0);
            assertThat(t.error()).isNull();
            assertThat(t.params()).containsEntry("depth", 1).containsEntry("epochs", 2);
            assertThat(store.tracePath(t.id())).isRegularFile();
            if (t.verdict() == Verdict.STABLE) {
                assertThat(t.steps()).isEqualTo(2 * stepsPerEpoch);
                assertThat(List.of("val_loss", "val_accuracy", "test_loss", "test_accuracy", "val_f1_macro"))
                        .allSatisfy(m -> assertThat(t.metric(m)).as(t.id() + " " + m).isFinite());
            }
        }
        assertThat(lines).anyMatch(t -> t.verdict() == Verdict.STABLE);
        assertThat(store.manifest().plannedTrials()).isEqualTo(4);
        assertThat(store.manifest().data().fingerprint()).isNotBlank();
    }

    @Test
    void aTrialThatThrowsIsStoredAsFailedWithAOneLineErrorAndTheSweepGoesOn() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "four", FOUR_TRIALS);
        PlannedTrial broken = TrialPlan.of(space).trials().get(1);
        // Fails the way a native op does, mid-training, with a message of several lines.
        TrialTrainer failsOnce = (config, data, seed, hook) -> new Trainer().train(config, data, seed, report -> {
            if (seed == broken.seed() && report.step() == 3) {
                throw new IllegalStateException("Op [matmul] execution failed\n\tat libnd4j line 42\n\t...");
            }
            return hook.shouldStop(report);
        });
        SweepSession session = new SweepSession(space, SweepSession.open(space).data(), failsOnce);

        ResultStore store = SweepRunner.start(session, dir.resolve("run"), new LocalExecutor(2), SweepProgress.NONE);

        Map<String, TrialRecord> byId = store.trials().stream()
                .collect(Collectors.toMap(TrialRecord::id, Function.identity()));
        assertThat(byId).hasSize(4);
        TrialRecord failed = byId.get(broken.id());
        assertThat(failed.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failed.error()).isEqualTo("IllegalStateException: Op [matmul] execution failed");
        assertThat(failed.verdict()).isNull();
        assertThat(failed.params()).isEqualTo(broken.params());
        assertThat(failed.seed()).isEqualTo(broken.seed());
        assertThat(store.tracePath(broken.id())).doesNotExist();
        assertThat(byId.values()).filteredOn(t -> !t.id().equals(broken.id()))
                .allSatisfy(t -> assertThat(t.status()).isNotEqualTo(TrialStatus.FAILED));
        assertThat(Files.readString(dir.resolve("run/trials.jsonl")).lines().filter(l -> l.contains("\"failed\"")))
                .hasSize(1);
    }

    @Test
    void aSessionGivenAnotherPrunerKeepsItsInjectedTrainer() throws Exception {
        // Issue 15: the session a Spark task builds (once withFinishedCurves, now withPruner) dropped the trainer.
        SweepSpace space = TestSweeps.space(dir, "four", FOUR_TRIALS);
        PlannedTrial trial = TrialPlan.of(space).trials().get(0);
        TrialTrainer refuses = (config, data, seed, hook) -> {
            throw new IllegalStateException("the injected trainer");
        };
        SweepSession session = new SweepSession(space, SweepSession.open(space).data(), refuses)
                .withPruner(dev.keel.sweep.prune.Pruner.NONE);

        assertThat(session.run(trial).record().error()).isEqualTo("IllegalStateException: the injected trainer");
    }

    @Test
    void resumeRunsOnlyTheMissingTrialsAndTheyComeOutAsBefore() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "four", FOUR_TRIALS);
        Path run = dir.resolve("run");
        List<TrialRecord> first = SweepRunner.start(space, run, new LocalExecutor(2), SweepProgress.NONE).trials();
        List<String> lines = Files.readAllLines(run.resolve("trials.jsonl"));
        Files.write(run.resolve("trials.jsonl"), List.of(lines.get(0), lines.get(2)));
        List<String> removed = List.of(first.get(1).id(), first.get(3).id());

        TestSweeps.Recording executor = new TestSweeps.Recording(new LocalExecutor(2));
        int[] alreadyDone = {-1};
        ResultStore resumed = SweepRunner.resume(run, executor, new SweepProgress() {
            @Override
            public void started(int total, int done) {
                alreadyDone[0] = done;
            }
        });

        assertThat(executor.ran).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(alreadyDone[0]).isEqualTo(2);
        assertThat(TestSweeps.lines(run)).extracting(TrialRecord::id)
                .containsExactlyInAnyOrderElementsOf(planIds(space));
        for (TrialRecord again : resumed.trials()) {
            TrialRecord before = first.stream().filter(t -> t.id().equals(again.id())).findFirst().orElseThrow();
            assertThat(again.verdict()).isEqualTo(before.verdict());
            assertThat(again.metrics()).isEqualTo(before.metrics());
            assertThat(again.steps()).isEqualTo(before.steps());
        }

        TestSweeps.Recording nothingLeft = new TestSweeps.Recording(new LocalExecutor(2));
        SweepRunner.resume(run, nothingLeft, SweepProgress.NONE);
        assertThat(nothingLeft.ran).isEmpty();
        assertThat(Files.readAllLines(run.resolve("trials.jsonl"))).hasSize(4);
    }

    @Test
    void aCnnOnTabularDataIsBadInputBeforeAnythingIsWritten() {
        SweepSpace space = TestSweeps.space(dir, "cnn", """
                data: {source: builtin:breast_cancer}
                model: {type: cnn}
                trials: 2
                """);

        assertThatThrownBy(() -> SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1),
                SweepProgress.NONE))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("model.type: cnn needs image data");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void aWorkerThatDiesOfAnErrorStopsTheSweepInsteadOfHangingAndKeepsWhatIsStored() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "four", FOUR_TRIALS);
        PlannedTrial fatal = TrialPlan.of(space).trials().get(2);
        TrialTrainer linkageError = (config, data, seed, hook) -> {
            if (seed == fatal.seed()) {
                throw new NoClassDefFoundError("org/nd4j/linalg/cpu/nativecpu/ops/NativeOpExecutioner");
            }
            return new Trainer().train(config, data, seed, hook);
        };
        SweepSession session = new SweepSession(space, SweepSession.open(space).data(), linkageError);

        assertThatThrownBy(() -> SweepRunner.start(session, dir.resolve("run"), new LocalExecutor(1),
                SweepProgress.NONE))
                .isInstanceOf(LocalExecutor.WorkerCrashedException.class)
                .hasMessageContaining(fatal.id())
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(TestSweeps.lines(dir.resolve("run"))).extracting(TrialRecord::id).hasSize(2)
                .doesNotContain(fatal.id());
    }

    private static List<String> planIds(SweepSpace space) {
        return TrialPlan.of(space).trials().stream().map(PlannedTrial::id).toList();
    }
}
