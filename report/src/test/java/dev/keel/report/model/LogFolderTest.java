package dev.keel.report.model;

import dev.keel.sweep.space.Metric;
import dev.keel.diagnose.Verdict;
import dev.keel.report.ForeignLogs;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A folder of other tools' logs read as a sweep: which files are runs, their knobs, verdicts and metrics. */
class LogFolderTest {
    @TempDir
    Path dir;

    @Test
    void everyLogIsATrialWithTheKnobsItsFileAndNameTell() throws Exception {
        Path logs = ForeignLogs.write(dir.resolve("runs"));
        assertThat(LogFolder.holdsLogs(logs)).isTrue();
        SweepResults sweep = LogFolder.read(logs).results();
        Map<String, TrialRecord> trials = sweep.trials().stream()
                .collect(Collectors.toMap(TrialRecord::id, Function.identity()));

        assertThat(trials.keySet()).containsExactlyInAnyOrder("adam-lr0.001-bs32", "adam-lr0.3-bs32",
                "sgd-lr0.05-bs64", "bert-base", "listener-run");
        assertThat(trials.get("adam-lr0.001-bs32").params()).containsEntry("optimizer", "adam")
                .containsEntry("learning_rate", 0.001).containsEntry("batch_size", 32);
        assertThat(trials.get("sgd-lr0.05-bs64").params()).containsEntry("optimizer", "sgd")
                .containsEntry("batch_size", 64);
        // The latest checkpoint's state; its batch size; the largest rate its schedule logged.
        TrialRecord hf = trials.get("bert-base");
        assertThat(hf.steps()).isEqualTo(200);
        assertThat(hf.params()).containsEntry("batch_size", 16);
        assertThat((Double) hf.params().get("learning_rate")).isCloseTo(5e-5 * (1 - 1 / 40.0), within(1e-12));
        // The listener's metadata says more than its folder's name; its diagnosis.json is not a log.
        assertThat(trials.get("listener-run").params()).containsEntry("learning_rate", 0.003)
                .containsEntry("optimizer", "adam");

        assertThat(trials.get("adam-lr0.3-bs32").verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(trials.get("adam-lr0.3-bs32").metric(LogFolder.FINAL_LOSS)).as("ended lost").isNaN();
        assertThat(trials.get("adam-lr0.001-bs32").verdict()).isEqualTo(Verdict.STABLE);
        assertThat(trials.get("adam-lr0.001-bs32").metric(LogFolder.BEST_VAL_METRIC)).isGreaterThan(0.8);
        assertThat(sweep.objective()).isEqualTo(new Metric(LogFolder.BEST_VAL_METRIC, Metric.Goal.MAXIMIZE));
        assertThat(sweep.varied()).extracting(Knob::name).contains("optimizer", "learning_rate", "batch_size");

        assertThat(sweep.problems().get(0)).startsWith("These are 5 training logs read from " + logs);
        assertThat(sweep.problems()).anyMatch(p -> p.startsWith("notes.txt could not be read ("));
    }

    @Test
    void logsWithNothingToTellThemApartAreEachTheirOwnConfiguration() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(logs.resolve("run1.jsonl"), ForeignLogs.jsonl(200, 1));
        Files.writeString(logs.resolve("run2.csv"), ForeignLogs.blowingUp(100, 2));
        SweepResults sweep = LogFolder.read(logs).results();
        assertThat(sweep.varied()).extracting(Knob::name).containsExactly(LogFolder.LOG_KNOB);
        Recommendation r = Recommendation.of(sweep);
        assertThat(r.configs()).isEqualTo(2);
        assertThat(r.best().trialIds()).containsExactly("run1");
        assertThat(sweep.problems().get(0)).contains("nothing here, so each log is its own configuration");
    }

    @Test
    void logsWhoseSettingsCoincideAreSeedsOfOneConfiguration() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(logs.resolve("lr0.01-a.csv"), ForeignLogs.falling(200, 1, false));
        Files.writeString(logs.resolve("lr0.01-b.csv"), ForeignLogs.falling(200, 2, false));
        Files.writeString(logs.resolve("lr0.1-seed4.csv"), ForeignLogs.falling(200, 3, false));
        Files.writeString(logs.resolve("lr0.1-seed5.csv"), ForeignLogs.falling(200, 4, false));
        SweepResults sweep = LogFolder.read(logs).results();
        assertThat(Recommendation.of(sweep).configs()).isEqualTo(2);
        Map<String, Long> seeds = sweep.trials().stream().collect(Collectors.toMap(TrialRecord::id, TrialRecord::seed));
        assertThat(seeds).containsExactlyInAnyOrderEntriesOf(
                Map.of("lr0.01-a", 1L, "lr0.01-b", 2L, "lr0.1-seed4", 4L, "lr0.1-seed5", 5L));
        assertThat(sweep.problems()).contains("Logs whose settings keel could not tell apart are read as seeds of one"
                + " configuration: lr0.01-a, lr0.01-b.");
    }

    @Test
    void aResultFolderOrAFolderWithoutLogsIsNotAFolderOfLogs() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(LogFolder.holdsLogs(empty)).isFalse();
        Path result = Files.createDirectories(dir.resolve("result/traces"));
        Files.writeString(result.resolve("t1.csv"), ForeignLogs.falling(50, 1, false));
        assertThat(LogFolder.holdsLogs(result.getParent())).isFalse();
    }
}
