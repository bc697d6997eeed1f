package dev.keel.diagnose;

import java.util.Objects;

/**
 * One piece of evidence behind a diagnosis: which rule fired, where, on what value, against which threshold.
 *
 * @param rule      the rule; its token ({@code non_finite_loss}, {@code vanishing_gradient}) is what users see
 * @param layer     the layer it concerns, or {@code null} when it concerns the whole run
 * @param step      the training step at which it was observed, or {@code null}
 * @param value     the observed value (may be non-finite)
 * @param threshold the threshold the value was compared with (may be NaN when the rule has none)
 * @param message   one plain sentence a user can check against their own plot
 */
public record Finding(Rule rule, String layer, Long step, double value, double threshold, String message) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
