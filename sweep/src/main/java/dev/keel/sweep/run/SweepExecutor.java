package dev.keel.sweep.run;

import dev.keel.sweep.sampler.TrialQueue;

import java.util.function.Consumer;

/**
 * Runs a sweep's trials somewhere: threads of this process ({@link LocalExecutor}) or Spark tasks. Whatever
 * runs them, the executor asks the queue for the next trial only when it has a free worker (so a sampler that
 * learns chooses each configuration as late as it can, knowing what is still running), results come back to the
 * caller's {@code sink} on one thread at a time, and only the caller writes the result store and tells the queue.
 */
public interface SweepExecutor {
    /**
     * Runs every trial the queue hands out and passes each result to {@code sink} as it finishes, asking the queue
     * from the same thread that calls the sink. Returns when the queue is empty and every trial is done.
     *
     * @throws InterruptedException when the sweep is interrupted; results already passed on are kept
     */
    void execute(TrialQueue trials, SweepSession session, Consumer<TrialResult> sink) throws InterruptedException;

    /**
     * Called once a sweep's space is known to be valid, before its data is read: an executor whose trials train in
     * this JVM may start what they need meanwhile. Returns at once; must not fail.
     */
    default void prepare() {
    }
}
