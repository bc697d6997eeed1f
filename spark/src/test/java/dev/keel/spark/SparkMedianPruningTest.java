package dev.keel.spark;

import dev.keel.diagnose.Rule;
import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.keel.spark.SparkExecutorTest.byId;
import static org.assertj.core.api.Assertions.assertThat;

class SparkMedianPruningTest {
    /** Four learning rates that train, then two too small to: median pruning stops the last two. */
    static SweepSpace medianSpace() {
        return SpaceParser.parse(Map.of(
                "name", "median-on-spark", "method", "grid", "seed", 2,
                "data", Map.of("source", "builtin:iris"),
                "early_terminate", Map.of("type", "median"),
                "parameters", Map.of(
                        "optimizer", Map.of("value", "sgd"),
                        "learning_rate", Map.of("values", List.of(0.1, 0.2, 0.15, 0.3, 0.0001, 0.00005)),
                        "width", Map.of("value", 16),
                        "batch_size", Map.of("value", 16),
                        "epochs", Map.of("value", 4))), "the test's space");
    }

    @Test
    void trialsOnSparkArePrunedAgainstTheWholeSweepLikeLocalOnesRunAfterRun(@TempDir Path tmp) throws Exception {
        SweepSpace space = medianSpace();
        ResultStore local = SweepRunner.start(space, tmp.resolve("local"), new LocalExecutor(1), SweepProgress.NONE);
        // One trial at a time, so that each trial sees exactly the trials before it, on both executors.
        ResultStore first = SweepRunner.start(space, tmp.resolve("spark-1"), new SparkExecutor("local[1]", 1),
                SweepProgress.NONE);
        ResultStore second = SweepRunner.start(space, tmp.resolve("spark-2"), new SparkExecutor("local[1]", 1),
                SweepProgress.NONE);

        Map<String, TrialRecord> expected = byId(local.trials());
        assertThat(expected.values()).filteredOn(t -> t.findings().stream()
                .anyMatch(f -> f.rule() == Rule.PRUNED_MEDIAN)).isNotEmpty();
        for (ResultStore spark : List.of(first, second)) {
            Map<String, TrialRecord> actual = byId(spark.trials());
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, want) -> {
                TrialRecord got = actual.get(id);
                assertThat(got.status()).as(id).isEqualTo(want.status());
                assertThat(got.findings()).as(id).isEqualTo(want.findings());
                assertThat(got.epochs()).as(id).isEqualTo(want.epochs());
                assertThat(got.metrics()).as(id).isEqualTo(want.metrics());
            });
        }
    }
}
