package dev.keel.diagnose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Every kind of finding keel reports, each with the verdict it decides when it is the primary finding (null for
 * findings that only ever stand beside a verdict). The token is what {@code trials.jsonl}, {@code --json} and the
 * report show; docs/DIAGNOSIS.md explains each in a sentence.
 */
public enum Rule {
    // ---- diverging: training was lost
    NON_FINITE_LOSS(Verdict.DIVERGING),
    NON_FINITE_GRADIENT(Verdict.DIVERGING),
    LOSS_BLOW_UP(Verdict.DIVERGING),
    /** One huge jump (orders of magnitude), after which the loss never came back below its start. */
    EXPLODE_THEN_FLAT(Verdict.DIVERGING),
    /** The run had clearly learnt, then went back to its chance level (or above) and stayed. */
    BACK_TO_CHANCE(Verdict.DIVERGING),
    /** The loss jumped to an order of magnitude above its best and never came back. */
    LOST_PROGRESS(Verdict.DIVERGING),
    /** The run had learnt, gave most of it back and went flat: a dead network. */
    DEAD_LOSS(Verdict.DIVERGING),
    /** The loss ended far above its chance level and stopped moving: outputs saturated on wrong answers. */
    STUCK_ABOVE_CHANCE(Verdict.DIVERGING),
    /** The loss was still climbing far above its best when the log ended. */
    STILL_CLIMBING(Verdict.DIVERGING),
    PARAM_NORM_GROWTH(Verdict.DIVERGING),

    // ---- oscillating: the optimisation itself swings
    /** The validation loss jumps up and down between evaluations by more than its level allows. */
    VALIDATION_SWINGS(Verdict.OSCILLATING),
    /** Averaged training loss (epoch means, or rows that already average) jumps up and down beyond its noise. */
    EPOCH_SWINGS(Verdict.OSCILLATING),
    FLIP_FLOP(Verdict.OSCILLATING),
    RHYTHMIC_SWINGS(Verdict.OSCILLATING),
    RECURRING_SPIKES(Verdict.OSCILLATING),
    LARGE_SWINGS(Verdict.OSCILLATING),
    /** Updates far above the weights' scale while the loss bounces in a band far above its best. */
    OVERSIZED_STEPS(Verdict.OSCILLATING),

    // ---- vanishing: the run did not learn
    /** The loss ended at its chance level and was never clearly below it. */
    STALLED_AT_CHANCE(Verdict.VANISHING),
    VANISHING_GRADIENT(Verdict.VANISHING),
    DEAD_UNITS(Verdict.VANISHING),
    SATURATED_UNITS(Verdict.VANISHING),
    FLAT_LOSS(Verdict.VANISHING),

    // ---- beside any verdict
    EXPLODING_GRADIENTS(null),
    PLATEAU(null),
    GAVE_BACK_PROGRESS(null),
    OVERFITTING(null),
    UPDATE_RATIO_LOW(null),
    UPDATE_RATIO_HIGH(null),
    /** Non-finite losses only in the first rows, then a normal run: left out of the judgement. */
    NON_FINITE_START(null),
    NO_LOSS(null),

    // ---- a sweep's pruning, recorded with the trial's findings
    PRUNED_DIVERGING(null),
    PRUNED_MEDIAN(null),
    /** Outside the best 1/eta of the trials that reached the same rung (early_terminate: hyperband, ASHA). */
    PRUNED_HYPERBAND(null);

    private final Verdict decides;

    Rule(Verdict decides) {
        this.decides = decides;
    }

    /** The verdict this rule gives when it is the deciding finding, or null for a finding that stands beside one. */
    public Verdict decides() {
        return decides;
    }

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Rule fromToken(String token) {
        for (Rule r : values()) {
            if (r.token().equals(token.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown finding rule '" + token + "'");
    }

    @Override
    public String toString() {
        return token();
    }
}
