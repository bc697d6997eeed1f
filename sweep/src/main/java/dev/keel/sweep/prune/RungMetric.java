package dev.keel.sweep.prune;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.train.StepReport;

import java.io.Serializable;

/**
 * The number hyperband ranks trials by at the end of an epoch: the validation form of the space's metric, as far
 * as training records it every epoch. Accuracy and R² are the trace's {@code val_metric}; a loss, and RMSE (the
 * square root of the validation loss, so in the same order), are the validation loss; F1 is not recorded every
 * epoch, so it ranks by validation loss too.
 *
 * @param name     {@code val_loss}, {@code val_accuracy} or {@code val_r2}: what the finding names
 * @param column   the trace column it is read from on resume
 * @param maximize whether larger is better
 */
public record RungMetric(String name, String column, boolean maximize) implements Serializable {

    public static RungMetric of(Metric metric) {
        String base = metric.name().substring(metric.name().indexOf('_') + 1);
        boolean maximize = metric.goal() == Metric.Goal.MAXIMIZE;
        return switch (base) {
            case "accuracy" -> new RungMetric("val_accuracy", Trace.VAL_METRIC, maximize);
            case "r2" -> new RungMetric("val_r2", Trace.VAL_METRIC, maximize);
            default -> new RungMetric("val_loss", Trace.VAL_LOSS, false);
        };
    }

    /** The value at this step: NaN unless validation ran after it. */
    double of(StepReport step) {
        return column.equals(Trace.VAL_LOSS) ? step.valLoss() : step.valMetric();
    }

    /** Whether {@code a} is worse than {@code b}; a value that is not finite is worse than any. */
    boolean worse(double a, double b) {
        if (!Double.isFinite(a)) {
            return true;
        }
        return maximize ? a < b : a > b;
    }
}
