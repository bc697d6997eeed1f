package dev.keel.spark;

import dev.keel.diagnose.trace.Trace;

import java.util.Arrays;
import java.util.Optional;

/** A finished trial's validation loss by epoch, read from its trace, as the median pruner keeps it. */
final class ValidationCurve {
    private ValidationCurve() {
    }

    /**
     * {@code curve[e - 1]} is the validation loss after epoch e, NaN where none was recorded: the curve the
     * trial's own session fed its pruner (a NaN validation loss counts as none).
     */
    static double[] of(Trace trace) {
        Optional<Trace.Column> valLoss = trace.column(Trace.VAL_LOSS);
        Optional<Trace.Column> epoch = trace.column(Trace.EPOCH);
        if (valLoss.isEmpty() || epoch.isEmpty()) {
            return new double[0];
        }
        double[] curve = new double[0];
        for (int row = 0; row < trace.size(); row++) {
            if (!valLoss.get().has(row) || Double.isNaN(valLoss.get().get(row)) || !epoch.get().has(row)) {
                continue;
            }
            int e = (int) epoch.get().get(row);
            if (e < 1) {
                continue;
            }
            if (curve.length < e) {
                int from = curve.length;
                curve = Arrays.copyOf(curve, e);
                Arrays.fill(curve, from, e, Double.NaN);
            }
            curve[e - 1] = valLoss.get().get(row);
        }
        return curve;
    }
}
