package dev.keel.spark;

import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SparkExecutorTest {
    /** Four trials on iris: sgd at 10 without preprocessing blows up, the others train. */
    static SweepSpace irisSpace() {
        return SpaceParser.parse(Map.of(
                "name", "spark-vs-local",
                "method", "grid",
                "seed", 3,
                "data", Map.of("source", "builtin:iris"),
                "parameters", Map.of(
                        "optimizer", Map.of("values", List.of("sgd", "adam")),
                        "learning_rate", Map.of("values", List.of(0.05, 10.0)),
                        "preprocess", Map.of("value", "none"),
                        "width", Map.of("value", 16),
                        "batch_size", Map.of("value", 16),
                        "epochs", Map.of("value", 3))), "the test's space");
    }

    @Test
    void sparkWritesTheSameStoreAsTheLocalExecutorTrialByTrial(@TempDir Path tmp) throws Exception {
        SweepSpace space = irisSpace();
        ResultStore local = SweepRunner.start(space, tmp.resolve("local"), LocalExecutor.trialByTrial(2), SweepProgress.NONE);
        ResultStore spark = SweepRunner.start(space, tmp.resolve("spark"), new SparkExecutor("local[2]", 2),
                SweepProgress.NONE);

        Map<String, TrialRecord> expected = byId(local.trials());
        Map<String, TrialRecord> actual = byId(ResultStore.open(spark.dir()).trials());
        assertThat(actual.keySet()).hasSize(4).isEqualTo(expected.keySet());
        assertThat(expected.values()).extracting(TrialRecord::verdict).extracting(v -> v.token())
                .contains("diverging", "stable");
        for (String id : expected.keySet()) {
            TrialRecord want = expected.get(id);
            TrialRecord got = actual.get(id);
            assertThat(got.params()).as(id + " params").isEqualTo(want.params());
            assertThat(got.seed()).as(id + " seed").isEqualTo(want.seed());
            assertThat(got.status()).as(id + " status").isEqualTo(want.status()).isNotEqualTo(TrialStatus.FAILED);
            assertThat(got.verdict()).as(id + " verdict").isEqualTo(want.verdict());
            assertThat(got.confidence()).as(id + " confidence").isEqualTo(want.confidence());
            assertThat(got.firstDetectedStep()).as(id + " first step").isEqualTo(want.firstDetectedStep());
            assertThat(got.findings()).as(id + " findings").isEqualTo(want.findings());
            assertThat(got.metrics()).as(id + " metrics").isEqualTo(want.metrics());
            assertThat(got.epochs()).as(id + " epochs").isEqualTo(want.epochs());
            assertThat(got.steps()).as(id + " steps").isEqualTo(want.steps());
            assertThat(Files.readAllBytes(spark.tracePath(id))).as(id + " trace bytes")
                    .isEqualTo(Files.readAllBytes(local.tracePath(id)));
        }
    }

    static Map<String, TrialRecord> byId(List<TrialRecord> trials) {
        return trials.stream().collect(Collectors.toMap(TrialRecord::id, Function.identity()));
    }
}
