package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.Locale;

/**
 * What the report colours a trial by: its verdict, or {@code failed} when the trial threw. A failed trial
 * has no trustworthy verdict even when one was recorded, so failure wins.
 */
public enum Outcome {
    STABLE,
    OSCILLATING,
    DIVERGING,
    VANISHING,
    FAILED;

    public static Outcome of(TrialRecord trial) {
        if (trial.status() == TrialStatus.FAILED || trial.verdict() == null) {
            return FAILED;
        }
        return of(trial.verdict());
    }

    public static Outcome of(Verdict verdict) {
        return switch (verdict) {
            case STABLE -> STABLE;
            case OSCILLATING -> OSCILLATING;
            case DIVERGING -> DIVERGING;
            case VANISHING -> VANISHING;
        };
    }

    /** The word a user reads: {@code stable}, {@code diverging}, …. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
