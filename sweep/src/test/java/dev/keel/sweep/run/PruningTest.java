package dev.keel.sweep.run;

import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
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

/** early_terminate: divergence stops blow-ups early; median stops trials clearly worse than the finished ones. */
class PruningTest {
    /** SGD at rate 10 on raw (unscaled) breast-cancer features: the textbook blow-up. */
    private static final String BLOW_UP = """
            method: grid
            data: {source: builtin:breast_cancer}
            early_terminate: {type: %s}
            parameters:
              optimizer: {value: sgd}
              learning_rate: {value: 10}
              preprocess: {value: none}
              width: {value: 16}
              epochs: {value: 20}
              early_stopping: {value: none}
            """;

    /**
     * Four good Adam rates, then one so small that the network has not moved after two epochs. Grid order and one
     * worker make the four finish first; the median needs four completed trials.
     */
    private static final String ONE_CLEARLY_WORSE = """
            method: grid
            data: {source: builtin:breast_cancer}
            early_terminate: {type: median}
            parameters:
              optimizer: {value: adam}
              learning_rate: {values: [0.01, 0.02, 0.03, 0.05, 0.000001]}
              width: {value: 8}
              depth: {value: 1}
              epochs: {value: 3}
            """;

    @TempDir
    Path dir;

    @Test
    void divergencePruningStopsSgdAtRateTenLongBeforeItsEpochBudget() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "blow-up", BLOW_UP.formatted("divergence"));

        ResultStore store = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1), SweepProgress.NONE);

        TrialRecord t = store.trials().get(0);
        long stepsPerEpoch = (store.manifest().data().trainRows() + 31) / 32;
        long planned = 20 * stepsPerEpoch;
        assertThat(t.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(t.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(t.steps()).isLessThan(planned / 10);
        assertThat(t.epochs()).isLessThanOrEqualTo(2);
        assertThat(t.firstDetectedStep()).isNotNull().isLessThanOrEqualTo(t.steps());
        assertThat(t.findings()).first().extracting(Finding::rule).isEqualTo(Rule.PRUNED_DIVERGING);
        assertThat(t.findings().get(0).message()).startsWith("stopped early: ");
        assertThat(Files.readAllLines(store.tracePath(t.id())).stream().filter(l -> !l.startsWith("#")).count() - 1)
                .isEqualTo(t.steps());
    }

    @Test
    void medianPruningAlsoStopsBlowUps() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "blow-up", BLOW_UP.formatted("median"));

        TrialRecord t = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1), SweepProgress.NONE)
                .trials().get(0);

        assertThat(t.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(t.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(t.findings()).first().extracting(Finding::rule).isEqualTo(Rule.PRUNED_DIVERGING);
    }

    @Test
    void withoutEarlyTerminationTheSameTrialIsNotPruned() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "blow-up", BLOW_UP.formatted("none"));

        TrialRecord t = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1), SweepProgress.NONE)
                .trials().get(0);

        assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(t.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(t.findings()).extracting(Finding::rule).doesNotContain(Rule.PRUNED_DIVERGING);
    }

    @Test
    void aLossThatTurnsNanAtOnceIsPrunedToo() throws Exception {
        // N(0, 1) weights through six ReLU layers: the first forward pass is already out of float range.
        SweepSpace space = TestSweeps.space(dir, "nan", """
                method: grid
                data: {source: builtin:breast_cancer}
                parameters:
                  optimizer: {value: sgd}
                  learning_rate: {value: 0.3}
                  weight_init: {value: normal}
                  depth: {value: 6}
                  width: {value: 32}
                  epochs: {value: 20}
                """);

        ResultStore store = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1), SweepProgress.NONE);

        TrialRecord t = store.trials().get(0);
        List<String> trace = Files.readAllLines(store.tracePath(t.id()));
        assertThat(trace.get(trace.size() - 1)).as("the last step's loss").containsIgnoringCase("nan");
        assertThat(t.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(t.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(t.steps()).isLessThan(20);
        assertThat(t.findings()).first().extracting(Finding::rule).isEqualTo(Rule.PRUNED_DIVERGING);
    }

    @Test
    void medianPruningStopsAClearlyWorseTrialAfterTheWarmUp() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "median", ONE_CLEARLY_WORSE);

        List<TrialRecord> trials = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1),
                SweepProgress.NONE).trials();

        assertThat(trials.subList(0, 4)).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.epochs()).isEqualTo(3);
        });
        assertWorseTrialPrunedAtEpochTwo(trials.get(4));
    }

    @Test
    void aResumedSweepPrunesByTheMedianOfTheTrialsStoredBeforeIt() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "median", ONE_CLEARLY_WORSE);
        Path run = dir.resolve("run");
        SweepRunner.start(space, run, new LocalExecutor(1), SweepProgress.NONE);
        List<String> lines = Files.readAllLines(run.resolve("trials.jsonl"));
        Files.write(run.resolve("trials.jsonl"), lines.subList(0, 4));

        ResultStore resumed = SweepRunner.resume(run, new LocalExecutor(1), SweepProgress.NONE);

        assertWorseTrialPrunedAtEpochTwo(resumed.trials().get(4));
    }

    private static void assertWorseTrialPrunedAtEpochTwo(TrialRecord worse) {
        assertThat(worse.params().get("learning_rate")).isEqualTo(0.000001);
        assertThat(worse.status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(worse.epochs()).isEqualTo(2);
        assertThat(worse.verdict()).isNotNull();
        Finding why = worse.findings().stream().filter(f -> f.rule() == Rule.PRUNED_MEDIAN).findFirst()
                .orElseThrow();
        assertThat(why.value()).isGreaterThan(why.threshold());
        assertThat(why.message()).contains("after epoch 2").contains("median");
    }
}
