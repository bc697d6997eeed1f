package dev.keel.sweep.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link StopHook} sees after each optimiser step.
 *
 * @param step         1-based optimiser step
 * @param epoch        1-based epoch
 * @param loss         the step's training loss (may be non-finite)
 * @param learningRate the rate the step used
 * @param gradNorm     L2 norm of the whole gradient before the updater (all traced layers), or NaN on steps
 *                     without per-layer statistics
 * @param paramNorm    L2 norm of all traced parameters after the step, or NaN likewise
 * @param valLoss      validation loss when validation ran after this step, else NaN
 * @param valMetric    the trace's {@code val_metric} (accuracy, or R² for regression) when validation ran after
 *                     this step, else NaN
 * @param layerValues  the per-layer trace cells of this step by column name ({@code grad_norm/dense_0} → …);
 *                     empty on steps without per-layer statistics
 */
public record StepReport(long step, int epoch, double loss, double learningRate, double gradNorm,
                         double paramNorm, double valLoss, double valMetric, Map<String, Double> layerValues) {
    public StepReport {
        layerValues = layerValues.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(layerValues));
    }

    /** Whether per-layer statistics were taken on this step. */
    public boolean measured() {
        return !layerValues.isEmpty();
    }
}
