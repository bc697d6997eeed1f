package dev.keel.cli;

import dev.keel.report.ReportWriter;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.TrialRecord;

import java.nio.file.Path;

/**
 * Warms the report up while a sweep's last trials train, when asked to ({@link #ON}): once every trial is handed out, a worker's core has
 * nothing to do, and the report after the last trial spends most of its time running its code for the first time
 * (2.0–2.3 s inside a sweep against 0.25 s warm; docs/PERFORMANCE.md). A daemon thread renders the report of the
 * trials stored so far and discards it ({@link ReportWriter#warmUp}); {@link #await()} waits for it, so that the
 * real report does not compete with it for the cores. The real report is written as before, from the full store.
 * Passes every call on to the sweep's own progress.
 */
final class ReportWarmUp implements SweepProgress {
    /**
     * Off unless {@code -Dkeel.report.warmUp=true} (through KEEL_JAVA_OPTS): it pays only when a core is really idle
     * at the end of a sweep. On a machine another process kept busy it cut the report after the last trial from a
     * median 3.4–3.9 s to 1.3–1.6 s, but the whole 30-epoch grid took 1.06 times as long in two sessions of
     * alternating rounds (its render's CPU came out of the last trials); it stays off until a quiet machine shows it
     * pays (docs/PERFORMANCE.md).
     */
    static final String ON = "keel.report.warmUp";

    private final SweepProgress progress;
    private final Path runDir;
    private volatile Thread thread;

    ReportWarmUp(SweepProgress progress, Path runDir) {
        this.progress = progress;
        this.runDir = runDir;
    }

    @Override
    public void dataLoaded(DataSummary data) {
        progress.dataLoaded(data);
    }

    @Override
    public void started(int total, int alreadyDone) {
        progress.started(total, alreadyDone);
    }

    @Override
    public void trialFinished(TrialRecord record) {
        progress.trialFinished(record);
    }

    @Override
    public void noTrialLeftToStart(int stillRunning) {
        progress.noTrialLeftToStart(stillRunning);
        if (thread == null && Boolean.getBoolean(ON)) {
            Thread t = new Thread(() -> ReportWriter.warmUp(runDir), "keel-report-warm-up");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    @Override
    public void finished() {
        progress.finished();
    }

    /** Waits until the warm-up, if one started, has ended. */
    void await() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }
}
