package dev.keel.sweep.run;

import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.TrialRecord;

/**
 * Told what a sweep is doing, for a progress bar. Called from the thread that writes the store, one call
 * at a time.
 */
public interface SweepProgress {
    /** The data is loaded and split, before any trial runs: what it turned out to be (task, rows, notes). */
    default void dataLoaded(DataSummary data) {
    }

    /** The sweep starts: {@code total} trials planned, {@code alreadyDone} of them stored by an earlier run. */
    default void started(int total, int alreadyDone) {
    }

    /** A trial finished and its line is stored. */
    default void trialFinished(TrialRecord record) {
    }

    /**
     * Every trial has been handed out and {@code stillRunning} of them are still training, so the workers that
     * trained the others have nothing left to do until the sweep ends: a moment to prepare for the end (the CLI
     * warms its report up). Called at most once, after {@link #trialFinished}.
     */
    default void noTrialLeftToStart(int stillRunning) {
    }

    /** Every trial is stored (or the sweep was interrupted). */
    default void finished() {
    }

    SweepProgress NONE = new SweepProgress() {
    };
}
