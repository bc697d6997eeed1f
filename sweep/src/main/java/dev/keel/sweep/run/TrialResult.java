package dev.keel.sweep.run;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.store.TrialRecord;

import java.util.Objects;

/**
 * What one finished trial hands to the store: its line and its trace ({@code null} when it failed before
 * the first step).
 */
public record TrialResult(TrialRecord record, Trace trace) {
    public TrialResult {
        Objects.requireNonNull(record, "record");
    }
}
