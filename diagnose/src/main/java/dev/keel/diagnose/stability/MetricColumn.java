package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.Locale;
import java.util.Optional;

/** The values of a whole-run metric column (a validation or training accuracy, an R^2) and what the trace says it is. */
final class MetricColumn {
    private MetricColumn() {
    }

    /** Whether the trace's metadata names {@code column}'s metric an accuracy ({@code val_metric=accuracy}). */
    static boolean isAccuracy(Trace trace, String column) {
        return trace.metadata().getOrDefault(column, "").trim().toLowerCase(Locale.ROOT).equals("accuracy");
    }

    /** The finite values of {@code column}, in order (none when the trace has no such column). */
    static double[] finite(Trace trace, String column) {
        Optional<Trace.Column> c = trace.column(column);
        if (c.isEmpty()) {
            return new double[0];
        }
        double[] out = new double[trace.size()];
        int n = 0;
        for (int r = 0; r < trace.size(); r++) {
            if (c.get().has(r) && Double.isFinite(c.get().get(r))) {
                out[n++] = c.get().get(r);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The highest finite value of {@code column}, or NaN. */
    static double best(Trace trace, String column) {
        double best = Double.NaN;
        for (double v : finite(trace, column)) {
            best = Double.isNaN(best) ? v : Math.max(best, v);
        }
        return best;
    }
}
