package dev.keel.sweep.run;

import dev.keel.sweep.sampler.PlannedTrial;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials somewhere: threads of this process ({@link LocalExecutor}) or Spark tasks. Whatever
 * runs them, results come back to the caller's {@code sink} on one thread at a time, and only the caller
 * writes the result store.
 */
public interface SweepExecutor {
    /**
     * Runs every trial and passes each result to {@code sink} as it finishes. Returns when all are done.
     *
     * @throws InterruptedException when the sweep is interrupted; results already passed on are kept
     */
    void execute(List<PlannedTrial> trials, SweepSession session, Consumer<TrialResult> sink)
            throws InterruptedException;
}
