package dev.keel.spark;

import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code method: bayes} on Spark: the driver's queue chooses each configuration from the trials stored so far and
 * sends it with the task; a sweep cut short and resumed on Spark rebuilds the sampler from the store and runs
 * every trial exactly once.
 */
class SparkBayesTest {
    static SweepSpace bayesSpace() {
        return SpaceParser.parse(Map.of(
                "name", "bayes-on-spark", "method", "bayes", "trials", 14, "seed", 4,
                "data", Map.of("source", "builtin:iris"),
                "metric", Map.of("name", "val_accuracy"),
                "parameters", Map.of(
                        "optimizer", Map.of("values", List.of("sgd", "adam")),
                        "learning_rate", Map.of("distribution", "log_uniform_values", "min", 0.001, "max", 10),
                        "width", Map.of("value", 16),
                        "batch_size", Map.of("value", 16),
                        "epochs", Map.of("value", 3))), "the test's space");
    }

    @Test
    void theModelChoosesOnTheDriverAndAResumedSweepRunsEveryTrialOnce(@TempDir Path tmp) throws Exception {
        SweepSpace space = bayesSpace();
        Path dir = tmp.resolve("run");
        ResultStore first = SweepRunner.start(space, dir, new SparkExecutor("local[2]", 2), SweepProgress.NONE);
        List<TrialRecord> trials = first.trials();
        assertThat(trials).extracting(TrialRecord::id).doesNotHaveDuplicates().hasSize(14);
        // A 14-trial budget starts with 5 random draws (a tenth, at least 5), counted among the trials finished or
        // running; one more if the driver asked for a sixth before any trial had finished.
        assertThat(trials).filteredOn(t -> t.chosenBy() == ChosenBy.STARTUP).hasSizeBetween(5, 6);
        assertThat(trials).filteredOn(t -> t.chosenBy() == ChosenBy.MODEL).hasSizeBetween(8, 9);

        // As if the sweep had been stopped after ten trials: the last four lines go, and resume runs them again.
        Path lines = dir.resolve(ResultStore.TRIALS);
        List<String> all = Files.readAllLines(lines);
        Files.write(lines, all.subList(0, 10));
        ResultStore resumed = SweepRunner.resume(dir, new SparkExecutor("local[2]", 2), SweepProgress.NONE);
        List<TrialRecord> again = ResultStore.open(resumed.dir()).trials();
        assertThat(again).extracting(TrialRecord::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(trials.stream().map(TrialRecord::id).toList());
        assertThat(again.subList(10, 14)).allSatisfy(t -> assertThat(t.chosenBy()).isEqualTo(ChosenBy.MODEL));
    }
}
