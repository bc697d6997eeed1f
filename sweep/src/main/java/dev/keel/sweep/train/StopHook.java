package dev.keel.sweep.train;

/**
 * Lets the caller stop a trial after any step; the sweep plugs the online divergence detector in here. A
 * stopped trial keeps its trace up to and including the step the hook saw.
 */
@FunctionalInterface
public interface StopHook {
    /** Never stops a trial. */
    StopHook NEVER = report -> false;

    /** Called on the training thread after every step; return {@code true} to end the trial now. */
    boolean shouldStop(StepReport report);
}
