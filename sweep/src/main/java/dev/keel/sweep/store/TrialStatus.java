package dev.keel.sweep.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a trial ended (docs/DESIGN.md, The result store). */
public enum TrialStatus {
    /** Trained to its epoch budget, early stopping, or its time budget. */
    COMPLETED,
    /** Stopped by the sweep: online divergence detection or median pruning. */
    PRUNED,
    /** Threw; {@code error} says why. */
    FAILED;

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TrialStatus fromToken(String token) {
        return valueOf(token.trim().toUpperCase(Locale.ROOT));
    }
}
