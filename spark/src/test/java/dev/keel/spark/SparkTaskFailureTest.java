package dev.keel.spark;

import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkTaskFailureTest {
    /** Attempts per trial id, counted on the executor (local masters run tasks in this JVM). */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Test
    void aTrialThatFailsOnEveryAttemptIsRecordedFailedAfterTwoAttempts(@TempDir Path tmp) throws Exception {
        SweepSpace space = SparkExecutorTest.irisSpace();
        String victim = firstTrial(space);
        // local[2,2]: two attempts per task, as on a cluster (plain local[N] masters make one).
        SparkExecutor spark = new SparkExecutor("local[2,2]", 2,
                (json, fingerprint) -> new Failing(new RemoteTrial(json, fingerprint), victim, false));

        ResultStore store = SweepRunner.start(space, tmp.resolve("run"), spark, SweepProgress.NONE);

        assertThat(ATTEMPTS.get(victim)).hasValue(2);
        assertThat(Files.readAllLines(store.dir().resolve(ResultStore.TRIALS))).hasSize(4);
        TrialRecord failed = record(store, victim);
        assertThat(failed.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failed.error()).contains("after 2 attempts").contains("no space left on the executor's disk")
                .doesNotContain("\n");
        assertThat(failed.params()).isNotEmpty();
        assertThat(store.tracePath(victim)).doesNotExist();
        assertThat(ResultStore.open(store.dir()).trials()).filteredOn(t -> !t.id().equals(victim))
                .extracting(TrialRecord::status).doesNotContain(TrialStatus.FAILED).hasSize(3);
    }

    @Test
    void aTrialRetriedBySparkIsStoredOnceWithTheResultOfTheAttemptThatFinished(@TempDir Path tmp) throws Exception {
        SweepSpace space = SparkExecutorTest.irisSpace();
        String victim = firstTrial(space);
        SparkExecutor spark = new SparkExecutor("local[2,2]", 2,
                (json, fingerprint) -> new Failing(new RemoteTrial(json, fingerprint), victim, true));

        ResultStore store = SweepRunner.start(space, tmp.resolve("run"), spark, SweepProgress.NONE);
        ResultStore local = SweepRunner.start(space, tmp.resolve("local"), LocalExecutor.trialByTrial(2), SweepProgress.NONE);

        assertThat(ATTEMPTS.get(victim)).hasValue(2);
        List<String> lines = Files.readAllLines(store.dir().resolve(ResultStore.TRIALS));
        assertThat(lines).hasSize(4).filteredOn(l -> l.contains("\"" + victim + "\"")).hasSize(1);
        TrialRecord retried = record(store, victim);
        assertThat(retried.status()).isNotEqualTo(TrialStatus.FAILED);
        assertThat(retried.metrics()).isEqualTo(record(local, victim).metrics());
        assertThat(Files.readAllBytes(store.tracePath(victim))).isEqualTo(Files.readAllBytes(local.tracePath(victim)));
    }

    @Test
    void dataThatDiffersOnTheExecutorFailsTheTrialsWithTheReasonInsteadOfMixingDatasets(@TempDir Path tmp)
            throws Exception {
        Path csv = tmp.resolve("points.csv");
        Files.writeString(csv, points(60, 0));
        SweepSpace space = SpaceParser.parse(Map.of(
                "name", "moved-data", "method", "grid", "seed", 1,
                "data", Map.of("source", csv.toString(), "target", "label"),
                "parameters", Map.of("learning_rate", Map.of("values", List.of(0.01, 0.1)),
                        "width", Map.of("value", 8), "epochs", Map.of("value", 1))), "the test's space");
        // The driver has read the file when it asks for the task; then the file changes under the executors.
        SparkExecutor spark = new SparkExecutor("local[2]", 2, (json, fingerprint) -> {
            rewrite(csv, points(60, 1));
            return new RemoteTrial(json, fingerprint);
        });

        ResultStore store = SweepRunner.start(space, tmp.resolve("run"), spark, SweepProgress.NONE);

        assertThat(store.trials()).hasSize(2).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(t.error()).contains("after 1 attempt").contains(csv.toString())
                    .contains("not the data the driver read");
        });
    }

    @Test
    void whenSparkStopsMidSweepUnfinishedTrialsAreNotWrittenAndResumeRunsThem(@TempDir Path tmp) throws Exception {
        SweepSpace space = SparkExecutorTest.irisSpace();
        Path dir = tmp.resolve("run");
        SweepProgress stopSparkAfterFirst = new SweepProgress() {
            @Override
            public void trialFinished(TrialRecord record) {
                SparkContext.getOrCreate().stop();
            }
        };

        assertThatThrownBy(() -> SweepRunner.start(space, dir, new SparkExecutor("local[1]", 1), stopSparkAfterFirst))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--resume");
        assertThat(ResultStore.open(dir).trials()).hasSize(1).extracting(TrialRecord::status)
                .doesNotContain(TrialStatus.FAILED);

        ResultStore resumed = SweepRunner.resume(dir, new SparkExecutor("local[2]", 2), SweepProgress.NONE);
        assertThat(resumed.trials()).hasSize(4).extracting(TrialRecord::status).doesNotContain(TrialStatus.FAILED);
        assertThat(Files.readAllLines(dir.resolve(ResultStore.TRIALS))).hasSize(4);
    }

    /** Wraps the real task; fails the victim's first attempt, or all of them. */
    static final class Failing implements Function<TrialTask, TrialPayload> {
        private final RemoteTrial real;
        private final String victim;
        private final boolean firstAttemptOnly;

        Failing(RemoteTrial real, String victim, boolean firstAttemptOnly) {
            this.real = real;
            this.victim = victim;
            this.firstAttemptOnly = firstAttemptOnly;
            ATTEMPTS.remove(victim);
        }

        @Override
        public TrialPayload call(TrialTask task) throws Exception {
            String trialId = task.trialId();
            if (trialId.equals(victim)) {
                ATTEMPTS.computeIfAbsent(trialId, k -> new AtomicInteger()).incrementAndGet();
                if (!firstAttemptOnly || TaskContext.get().attemptNumber() == 0) {
                    // What an executor's own trouble looks like to keel: the task throws outside the trial.
                    throw new IllegalStateException("no space left on the executor's disk");
                }
            }
            return real.call(task);
        }
    }

    private static String firstTrial(SweepSpace space) {
        return dev.keel.sweep.sampler.TrialPlan.of(space).trials().get(0).id();
    }

    private static TrialRecord record(ResultStore store, String id) throws Exception {
        return ResultStore.open(store.dir()).trials().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** Two separable blobs with a little overlap; {@code shift} moves every point. */
    private static String points(int n, double shift) {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d%n", label * 2 + random.nextGaussian() + shift,
                    label * 2 + random.nextGaussian(), label));
        }
        return csv.toString();
    }

    private static void rewrite(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
