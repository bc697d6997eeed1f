package dev.keel.sweep.prune;

import dev.keel.diagnose.trace.Trace;

import java.util.Arrays;

/** A trace column's value at the end of each epoch, as pruners compare trials by it. */
final class EpochValues {
    private EpochValues() {
    }

    /**
     * {@code column}'s value at the end of each epoch ({@code values[e - 1]} for epoch e; NaN where absent), read
     * from a trace with one row a step from step 1, as keel writes them. A validation taken where a trial stopped
     * mid-epoch (time budget) is not an epoch's end and is left out. The epoch length is that of epoch 1, which is
     * whole whenever a later epoch exists.
     */
    static double[] byEpoch(Trace trace, String column) {
        Trace.Column epochs = trace.column(Trace.EPOCH).orElse(null);
        Trace.Column values = trace.column(column).orElse(null);
        if (epochs == null || values == null || trace.size() == 0) {
            return new double[0];
        }
        int lastEpoch = 0;
        long firstEpochSteps = 0;
        for (int r = 0; r < trace.size(); r++) {
            if (epochs.has(r)) {
                lastEpoch = Math.max(lastEpoch, (int) epochs.get(r));
                if (epochs.get(r) == 1) {
                    firstEpochSteps++;
                }
            }
        }
        double[] curve = new double[Math.max(0, lastEpoch)];
        Arrays.fill(curve, Double.NaN);
        long[] steps = trace.steps();
        for (int r = 0; r < trace.size(); r++) {
            if (!epochs.has(r) || !values.has(r)) {
                continue;
            }
            int epoch = (int) epochs.get(r);
            if (epoch >= 1 && steps[r] == epoch * firstEpochSteps) {
                curve[epoch - 1] = values.get(r);
            }
        }
        return curve;
    }
}
