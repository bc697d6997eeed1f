package dev.keel.sweep.run;

import dev.keel.sweep.sampler.PlannedTrial;

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
 */
public final class LocalExecutor implements SweepExecutor {
    private final int workers;

    public LocalExecutor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.workers = workers;
    }

    /** One worker per available core. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void execute(List<PlannedTrial> trials, SweepSession session, Consumer<TrialResult> sink)
            throws InterruptedException {
        if (trials.isEmpty()) {
            return;
        }
        LinkedBlockingQueue<TrialResult> done = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, trials.size()), new Workers());
        try {
            for (PlannedTrial trial : trials) {
                pool.execute(() -> done.add(session.run(trial)));
            }
            for (int i = 0; i < trials.size(); i++) {
                sink.accept(done.take());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final long STACK_BYTES = 16L << 20;

    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            // DL4J recurses through deep networks (20 layers and more) in its graph code: give it room.
            Thread t = new Thread(null, r, "keel-trial-" + count.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        }
    }
}
