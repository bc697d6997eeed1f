package dev.keel.sweep.train;

import java.util.Locale;

/** Why a trial stopped training. */
public enum EndReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** Validation loss stopped improving for {@code early_stopping.patience} epochs. */
    EARLY_STOPPED,
    /** The trial used up {@code training.max_seconds}. */
    TIME_BUDGET,
    /** The caller's {@link StopHook} asked to stop (e.g. the sweep saw the run diverge). */
    STOPPED_BY_HOOK,
    /** The training loss became NaN or infinite; the trace ends at that step. */
    NON_FINITE;

    /** Lower-case token for records and logs: {@code early_stopped}, {@code non_finite}, … */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
