package dev.keel.listener;

import dev.keel.diagnose.Diagnosis;

import java.nio.file.Path;

/**
 * Thrown out of {@code fit} by a {@link KeelListener} built with {@code stopOnDivergence(true)} after the step at
 * which divergence became certain: DL4J has no other way for a listener to end training. The trace and the
 * diagnosis up to that step are complete (and written, when the listener writes files) before it is thrown.
 */
public final class TrainingStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String reason;
    private final transient Diagnosis diagnosis;

    TrainingStopped(long step, String reason, Diagnosis diagnosis, Path folder) {
        super("keel stopped training after step " + step + ": divergence is certain (" + reason + ")"
                + (folder == null ? "" : "; trace and diagnosis in " + folder));
        this.step = step;
        this.reason = reason;
        this.diagnosis = diagnosis;
    }

    /** The step after which training was stopped. */
    public long step() {
        return step;
    }

    /** Why divergence is certain, in one sentence. */
    public String reason() {
        return reason;
    }

    /** The diagnosis of the run up to the stop: diverging. */
    public Diagnosis diagnosis() {
        return diagnosis;
    }
}
