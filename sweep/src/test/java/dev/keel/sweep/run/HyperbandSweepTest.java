package dev.keel.sweep.run;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code early_terminate: hyperband} in a sweep: who is stopped, what the line keeps, and resume. */
class HyperbandSweepTest {
    /** Good rates first, then one far too small to learn in time: it is behind at the first rung. */
    private static final String SPACE = """
            method: grid
            data: {source: builtin:breast_cancer}
            metric: {name: val_accuracy}
            early_terminate: {type: hyperband, min_iter: 1, eta: 3}
            parameters:
              optimizer: {value: adam}
              learning_rate: {values: [0.01, 0.02, 0.03, 0.000001]}
              width: {value: 8}
              depth: {value: 1}
              epochs: {value: 4}
              early_stopping: {value: none}
            """;

    @TempDir
    Path dir;

    @Test
    void aTrialBehindAtARungIsStoppedThereAndKeepsItsVerdictAndEvidence() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "hyperband", SPACE);

        List<TrialRecord> trials = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1),
                SweepProgress.NONE).trials();

        assertThat(trials.get(0).status()).as("the first trial at a rung always goes on").isEqualTo(TrialStatus.COMPLETED);
        assertSlowTrialPrunedAtEpochOne(trials.get(3), dir.resolve("run"));
    }

    @Test
    void aResumedSweepComparesWithTheRungValuesOfTheTrialsStoredBeforeIt() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "hyperband", SPACE);
        Path run = dir.resolve("run");
        SweepRunner.start(space, run, new LocalExecutor(1), SweepProgress.NONE);
        List<String> lines = Files.readAllLines(run.resolve("trials.jsonl"));
        Files.write(run.resolve("trials.jsonl"), lines.subList(0, 3));

        ResultStore resumed = SweepRunner.resume(run, new LocalExecutor(1), SweepProgress.NONE);

        assertSlowTrialPrunedAtEpochOne(resumed.trials().get(3), run);
    }

    private static void assertSlowTrialPrunedAtEpochOne(TrialRecord slow, Path run) {
        assertThat(slow.params().get("learning_rate")).isEqualTo(0.000001);
        assertThat(slow.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(slow.epochs()).isEqualTo(1);
        assertThat(slow.verdict()).as("diagnosed from its trace so far").isNotNull();
        Finding why = slow.findings().get(0);
        assertThat(why.rule()).isEqualTo(Rule.PRUNED_HYPERBAND);
        assertThat(why.value()).isLessThan(why.threshold());
        assertThat(why.message()).contains("val_accuracy", "after epoch 1", "best 1/3");
        assertThat(run.resolve("traces").resolve(slow.id() + ".csv")).isRegularFile();
    }
}
