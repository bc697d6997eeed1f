package dev.keel.sweep.train;

import dev.keel.diagnose.trace.Trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained trial.
 *
 * @param trace      every step's loss and learning rate, per-layer statistics every {@code trace_every} steps,
 *                   validation once an epoch
 * @param metrics    {@code val_loss}, {@code test_loss} and {@code val_/test_accuracy}, {@code f1_macro}
 *                   (classification) or {@code rmse}, {@code r2} (regression), from the best-validation
 *                   weights; non-finite values stay NaN here (the result store writes null)
 * @param epochs     epochs started (the last may be partial)
 * @param steps      optimiser steps run
 * @param seconds    wall-clock time of the trial
 * @param endReason  why training stopped
 * @param detail     one line saying what happened, for logs and reports
 */
public record TrialOutcome(Trace trace, Map<String, Double> metrics, int epochs, long steps, double seconds,
                           EndReason endReason, String detail) {
    public TrialOutcome {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(endReason, "endReason");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
