package dev.keel.sweep.run;

import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.EarlyTermination;
import dev.keel.sweep.space.SearchMethod;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.train.FusedTrainer;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.train.memory.NativeMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs trials on {@code workers} threads of this process, one trial per thread at a time. Small networks are
 * fastest single-threaded (per-op overhead dominates), so parallelism comes from running trials side by side.
 * Results come back to the calling thread, which alone hands them to the sink.
 */
public final class LocalExecutor implements SweepExecutor {
    /**
     * Worker stack size: the launcher's {@code -Xss4m}, so that a trial needs the same stack on a worker as on
     * the main thread. Training does not recurse by depth: 1,000-layer networks, plain or residual with batch
     * norm, trained on a 256 KB stack (measured with DL4J 1.0.0-M2.1).
     */
    static final long STACK_BYTES = 4L << 20;

    /** {@code -Dkeel.fuse=false} trains every trial alone; see {@link #fusing}. */
    public static final String FUSE_PROPERTY = "keel.fuse";
    /** The most trials one fused group trains (docs/PERFORMANCE.md: per-lane throughput levels off by 16). */
    static final int MAX_LANES = 16;

    private final int workers;
    private final boolean mayFuse;

    /** Fuses trials where {@link #fusing} allows it. */
    public LocalExecutor(int workers) {
        this(workers, true);
    }

    private LocalExecutor(int workers, boolean mayFuse) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.workers = workers;
        this.mayFuse = mayFuse;
    }

    /** Trains every trial alone, whatever {@value #FUSE_PROPERTY} says: what {@code keel recommend} uses, and the
     *  reference the Spark executor's tests hold it to. */
    public static LocalExecutor trialByTrial(int workers) {
        return new LocalExecutor(workers, false);
    }

    /**
     * Starts ND4J on a thread of its own while the sweep reads its data: the first worker would otherwise start it
     * once the data is ready, and the JVM has nothing else to do on the other core meanwhile.
     */
    @Override
    public void prepare() {
        NativeMemory.startInBackground();
    }

    /** One worker per available core. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Whether trials of this space are handed out in fused groups ({@link FusedTrainer}): unless the fused path is
     * turned off ({@value #FUSE_PROPERTY}{@code =false}; on by default since issue 13's criterion was settled against
     * the plain path's own rounding, docs/PERFORMANCE.md, Fused trials), when the plan does not learn from results (not
     * bayes: it chooses each configuration when a worker asks, from the trials finished by then) and no pruner
     * compares trials (median and hyperband judge a trial against those stored before it; a group stores its
     * trials together at its end).
     */
    static boolean fusing(SweepSpace space) {
        if (!Boolean.parseBoolean(System.getProperty(FUSE_PROPERTY, "true"))) {
            return false;
        }
        EarlyTermination.Type pruning = space.earlyTerminate().type();
        return space.method() != SearchMethod.BAYES
                && (pruning == EarlyTermination.Type.NONE || pruning == EarlyTermination.Type.DIVERGENCE);
    }

    /**
     * @throws WorkerCrashedException if a worker died of something a trial cannot record (a {@link LinkageError},
     *                                an internal JVM error): the sweep stops, and what is stored stays stored
     */
    @Override
    public void execute(TrialQueue trials, SweepSession session, Consumer<TrialResult> sink)
            throws InterruptedException {
        if (!trials.hasNext()) {
            return;
        }
        LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, trials.remaining()), new Workers());
        boolean fuse = mayFuse && fusing(trials.space());
        try {
            int running = 0;
            PlannedTrial pending = null;   // asked for while filling a group it did not fit
            while (true) {
                // A trial is asked for only when a worker is free, so its configuration can follow the latest results.
                for (; running < workers && (pending != null || trials.hasNext()); running++) {
                    PlannedTrial first = pending != null ? pending : trials.next();
                    pending = null;
                    List<PlannedTrial> group = new ArrayList<>(List.of(first));
                    if (fuse && session.fusable(first)) {
                        // the trials left, shared among the free workers
                        int free = workers - running;
                        int lanes = Math.min(MAX_LANES, (trials.remaining() + 1 + free - 1) / free);
                        FusedTrainer.GroupKey key = FusedTrainer.GroupKey.of(first.config());
                        while (group.size() < lanes && trials.hasNext()) {
                            PlannedTrial t = trials.next();
                            if (session.fusable(t) && FusedTrainer.GroupKey.of(t.config()).equals(key)) {
                                group.add(t);
                            } else {
                                pending = t;
                                break;
                            }
                        }
                    }
                    pool.execute(() -> {
                        try {
                            done.add(new Done(group, group.size() == 1 ? List.of(session.run(first))
                                    : session.runFused(group), null));
                        } catch (Throwable t) {
                            // Without this the caller would wait for the result forever.
                            done.add(new Done(group, null, t));
                        }
                    });
                }
                if (running == 0) {
                    return;
                }
                Done d = done.take();
                running--;
                if (d.crash != null) {
                    throw new WorkerCrashedException(d.trials.get(0).id(), d.crash);
                }
                for (TrialResult r : d.results) {
                    sink.accept(r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Done(List<PlannedTrial> trials, List<TrialResult> results, Throwable crash) {
    }

    /** A trial killed its worker thread with something that is not the trial's own failure. */
    public static final class WorkerCrashedException extends IllegalStateException {
        WorkerCrashedException(String trialId, Throwable cause) {
            super("trial " + trialId + " stopped its worker thread: " + cause, cause);
        }
    }

    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(null, r, "keel-trial-" + count.incrementAndGet(), STACK_BYTES);
            // Daemons: an interrupted sweep exits without waiting for the trials in flight, which are not stored.
            t.setDaemon(true);
            return t;
        }
    }
}
