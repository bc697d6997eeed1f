package dev.keel.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.diagnose.Json;
import dev.keel.sweep.run.SweepExecutor;
import dev.keel.sweep.run.SweepSession;
import dev.keel.sweep.run.TrialResult;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials as Spark tasks. Each trial is its own one-task job, so results stream back to the
 * driver as trials finish (the driver alone writes the store, trial by trial) and a task that fails for good
 * fails only its trial, which is recorded as failed. Executors rebuild the plan from the resolved space and
 * run a trial with the same {@link SweepSession#run} as the local executor, so both write the same store.
 *
 * <p>Spark may retry a task (executor lost); the store ignores a trial id it already holds, so a retry can
 * never write a trial twice.
 */
public final class SparkExecutor implements SweepExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);

    /** Attempts per trial before it is recorded as failed: one retry for a lost executor, no more. */
    static final int TASK_ATTEMPTS = 2;

    private final String master;
    private final int workers;

    /**
     * @param master  Spark master URL (local[2], spark://host:7077, yarn); a master set by spark-submit wins
     * @param workers how many trials the driver keeps in flight at once
     */
    public SparkExecutor(String master, int workers) {
        this.master = master;
        this.workers = Math.max(1, workers);
    }

    @Override
    public void execute(List<PlannedTrial> trials, SweepSession session, Consumer<TrialResult> sink)
            throws InterruptedException {
        if (trials.isEmpty()) {
            return;
        }
        String space;
        try {
            space = Json.mapper().writeValueAsString(session.space().toResolvedMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the space for Spark", e);
        }
        SparkConf conf = new SparkConf()
                .setAppName("keel sweep " + session.space().name())
                .setIfMissing("spark.master", master)
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.task.maxFailures", String.valueOf(TASK_ATTEMPTS))
                // Each task trains one small network: single-threaded ND4J is fastest (docs/PERFORMANCE.md).
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.nopointergc=true");
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkContext context = SparkContext.getOrCreate(conf);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(context);
        LinkedBlockingQueue<TrialResult> done = new LinkedBlockingQueue<>();
        // Threads that wait on Spark's futures; they only hand results over, the caller writes the store.
        ExecutorService waiters = Executors.newFixedThreadPool(Math.min(workers, trials.size()));
        try {
            for (PlannedTrial trial : trials) {
                waiters.execute(() -> done.add(runOne(sc, space, trial)));
            }
            for (int i = 0; i < trials.size(); i++) {
                sink.accept(done.take());
            }
        } finally {
            waiters.shutdownNow();
            sc.stop();
        }
    }

    private static TrialResult runOne(JavaSparkContext sc, String space, PlannedTrial trial) {
        sc.setJobDescription("trial " + trial.id());
        JavaFutureAction<List<TrialPayload>> job = sc.parallelize(List.of(trial.id()), 1)
                .map(new RemoteTrial(space))
                .collectAsync();
        try {
            return decode(job.get().get(0));
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            return failed(trial, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.error("trial {} failed on Spark", trial.id(), cause);
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            return failed(trial, "Spark task failed after " + TASK_ATTEMPTS + " attempts: " + message);
        }
    }

    static TrialResult decode(TrialPayload payload) {
        try {
            return new TrialResult(Json.mapper().readValue(payload.record(), TrialRecord.class), payload.trace());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a trial sent back by Spark", e);
        }
    }

    private static TrialResult failed(PlannedTrial trial, String error) {
        return new TrialResult(new TrialRecord(trial.id(), trial.params(), trial.seed(), TrialStatus.FAILED, null,
                null, null, List.of(), Map.of(), 0, 0, 0, error), null);
    }
}
