package dev.keel.report.model;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines the report draws from one trial's trace.
 *
 * @param loss          training loss, thinned
 * @param valLoss       validation loss where it was measured, thinned; empty if never
 * @param nonFiniteStep the first step whose loss was NaN or infinite (not drawable), or {@code null}
 * @param gradNorms     per-layer gradient norms from input to output, thinned; empty unless asked for or
 *                      not recorded
 */
public record TraceCurves(Curve loss, Curve valLoss, Long nonFiniteStep, List<Curve> gradNorms) {

    public TraceCurves {
        gradNorms = List.copyOf(gradNorms);
    }

    public static TraceCurves of(Trace trace, int maxPoints, boolean withGradients) {
        Trace.Column loss = trace.loss();
        Long nonFinite = null;
        for (int i = 0; i < trace.size(); i++) {
            if (loss.has(i) && !Double.isFinite(loss.get(i))) {
                nonFinite = trace.steps()[i];
                break;
            }
        }
        Curve train = Curve.thin("training loss", trace.steps(), loss.values(), loss.present(), maxPoints);
        Curve val = trace.column(Trace.VAL_LOSS)
                .map(c -> Curve.thin("validation loss", trace.steps(), c.values(), c.present(), maxPoints))
                .orElse(new Curve("validation loss", new double[0], new double[0]));
        List<Curve> grads = new ArrayList<>();
        if (withGradients) {
            for (String layer : trace.layers()) {
                trace.layerColumn(Trace.GRAD_NORM, layer).ifPresent(c -> {
                    Curve g = Curve.thin(layer, trace.steps(), c.values(), c.present(), maxPoints);
                    if (!g.isEmpty()) {
                        grads.add(g);
                    }
                });
            }
        }
        return new TraceCurves(train, val, nonFinite, grads);
    }
}
