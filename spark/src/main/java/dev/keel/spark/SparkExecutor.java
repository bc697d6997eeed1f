package dev.keel.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keel.diagnose.Json;
import dev.keel.sweep.run.SweepExecutor;
import dev.keel.sweep.run.SweepSession;
import dev.keel.sweep.run.TrialResult;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.store.TrialRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials as Spark tasks. Each trial is its own one-task job, so results stream back to the
 * driver as trials finish (the driver alone writes the store, trial by trial) and a task that fails for good
 * fails only its trial, which is recorded as failed. The driver's queue chooses each configuration when a task
 * slot is free (a sampler that learns sees every trial stored so far and those in flight); executors rebuild the
 * space and run the trial with the same {@link SweepSession#run} as the local executor, so both write the same
 * store.
 *
 * <p>A trial reaches the store only through its job's one result, which Spark hands over once however many
 * attempts the task took; the store also ignores a trial id it already holds.
 */
public final class SparkExecutor implements SweepExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);

    /** Attempts per trial on a cluster: one retry for a lost executor, no more. Local masters make one. */
    static final String TASK_ATTEMPTS = "2";
    /** What every executor JVM needs for fast single-threaded ND4J (docs/PERFORMANCE.md). */
    static final String EXECUTOR_JAVA_OPTIONS = "-Dorg.bytedeco.javacpp.nopointergc=true";

    private final String master;
    private final int workers;
    private final TaskFactory tasks;

    /**
     * @param master  Spark master URL (local[2], spark://host:7077, yarn); a master set by spark-submit wins
     * @param workers trials in flight at once; 0 or less to follow the cluster's task slots
     */
    public SparkExecutor(String master, int workers) {
        this(master, workers, RemoteTrial::new);
    }

    SparkExecutor(String master, int workers, TaskFactory tasks) {
        this.master = master;
        this.workers = workers;
        this.tasks = tasks;
    }

    /** Makes the function a task runs, from the resolved space (JSON) and the driver's data fingerprint. */
    interface TaskFactory {
        Function<TrialTask, TrialPayload> task(String space, String fingerprint);
    }

    @Override
    public void execute(TrialQueue trials, SweepSession session, Consumer<TrialResult> sink)
            throws InterruptedException {
        if (!trials.hasNext()) {
            return;
        }
        Function<TrialTask, TrialPayload> task = tasks.task(resolvedSpace(session), session.data().fingerprint());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf(session)));
        LOG.info("running {} trials as Spark jobs on {} ({} task slots now)", trials.remaining(), sc.master(),
                sc.defaultParallelism());
        LinkedBlockingQueue<Finished> done = new LinkedBlockingQueue<>();
        // Threads that wait on Spark's futures, one per trial in flight; they only hand results over.
        ExecutorService waiters = Executors.newCachedThreadPool();
        try {
            int running = 0;
            while (true) {
                // The cluster's task slots grow as executors register: look again before every submission.
                for (int limit = inFlightLimit(sc); running < limit && trials.hasNext(); running++) {
                    PlannedTrial trial = trials.next();
                    // The pruner as the driver's session knows it now (every stored trial, resumed ones included).
                    TrialTask request = new TrialTask(trial.id(), trial.configIndex(), trial.repeat(), trial.seed(),
                            params(trial), trial.chosenBy() == null ? null : trial.chosenBy().token(),
                            TrialTask.freeze(session.pruner()));
                    waiters.execute(() -> done.add(runOne(sc, task, request, trial)));
                }
                if (running == 0) {
                    return;
                }
                Finished finished = done.take();
                running--;
                if (finished.lost() != null) {
                    throw new IllegalStateException("Spark stopped before the sweep finished (" + finished.lost()
                            + "); the trials already stored are kept: finish with keel sweep --resume RESULT_DIR");
                }
                // Stored (and so known to the session's pruner and the queue's sampler) before the next trial is sent.
                sink.accept(finished.result());
            }
        } finally {
            waiters.shutdownNow();
            sc.stop();
        }
    }

    private static String params(PlannedTrial trial) {
        try {
            return Json.mapper().writeValueAsString(trial.params());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise trial " + trial.id(), e);
        }
    }

    /**
     * Trials in flight: {@code workers} if given, else twice the task slots Spark reports, so that each slot has
     * a trial waiting when it finishes one and dynamic allocation sees a backlog to add executors for.
     */
    private int inFlightLimit(JavaSparkContext sc) {
        return workers > 0 ? workers : 2 * Math.max(1, sc.defaultParallelism());
    }

    /** A trial's result, or why Spark itself could not run it (the trial is then not written). */
    private record Finished(TrialResult result, String lost) {
    }

    private SparkConf conf(SweepSession session) {
        // Settings given to spark-submit (or as -Dspark.* properties) win over these defaults.
        SparkConf conf = new SparkConf()
                .setIfMissing("spark.app.name", "keel sweep " + session.space().name())
                .setIfMissing("spark.master", master)
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.task.maxFailures", TASK_ATTEMPTS)
                // Each task trains one small network: single-threaded ND4J is fastest.
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        String javaOptions = conf.get("spark.executor.extraJavaOptions", "").strip();
        if (!javaOptions.contains("nopointergc")) {
            conf.set("spark.executor.extraJavaOptions", (javaOptions + " " + EXECUTOR_JAVA_OPTIONS).strip());
        }
        if (conf.get("spark.master").startsWith("local")) {
            // Tasks run in this JVM: no web UI to bind, no network interface to guess.
            conf.setIfMissing("spark.ui.enabled", "false")
                    .setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    private static String resolvedSpace(SweepSession session) {
        try {
            return Json.mapper().writeValueAsString(session.space().toResolvedMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the space for Spark", e);
        }
    }

    /**
     * One trial as one job. A task that failed every attempt is the trial's failure, recorded as a failed line;
     * a job that Spark gave up for other reasons (the context stopped, the cluster went away) writes nothing,
     * so that resume runs the trial again.
     */
    private static Finished runOne(JavaSparkContext sc, Function<TrialTask, TrialPayload> task, TrialTask request,
                                   PlannedTrial trial) {
        JavaFutureAction<List<TrialPayload>> job;
        try {
            sc.setJobDescription("keel trial " + trial.id());
            job = sc.parallelize(List.of(request), 1).map(task).collectAsync();
        } catch (RuntimeException e) {
            LOG.info("trial {} could not be sent to Spark", trial.id(), e);
            return new Finished(null, TaskFailure.firstLine(e));
        }
        try {
            return new Finished(decode(awaitResult(sc, job)), null);
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            return new Finished(null, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // The stack trace goes to the log file; the trial's line and the summary carry the reason.
            LOG.info("trial {} failed on Spark", trial.id(), cause);
            if (!TaskFailure.isTrialFailure(cause)) {
                return new Finished(null, TaskFailure.firstLine(cause));
            }
            return new Finished(failed(trial, TaskFailure.describe(cause)), null);
        } catch (RuntimeException e) {
            LOG.warn("trial {} came back from Spark unreadable", trial.id(), e);
            return new Finished(failed(trial, "came back from Spark unreadable: " + TaskFailure.firstLine(e)), null);
        }
    }

    /**
     * Waits for the job's one result. A job submitted while the context was stopping is never cancelled by
     * Spark, so its future would wait forever: a stopped context ends the wait too.
     */
    private static TrialPayload awaitResult(JavaSparkContext sc, JavaFutureAction<List<TrialPayload>> job)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return job.get(1, TimeUnit.SECONDS).get(0);
            } catch (TimeoutException e) {
                if (sc.sc().isStopped()) {
                    job.cancel(true);
                    throw new ExecutionException(new IllegalStateException("the SparkContext stopped"));
                }
            }
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
        return new TrialResult(SweepSession.failed(trial, error, 0), null);
    }
}
