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

    /**
     * Whether the trace's {@code loss} metadata (keel writes {@code cross_entropy} or {@code mse_standardized_target})
     * names a loss containing any of these words, in lower case.
     */
    static boolean lossNamed(Trace trace, String... words) {
        String loss = trace.metadata().getOrDefault(Trace.LOSS, "").toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (loss.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many examples a validation pass averages over: the trace's {@code val_examples}, else, for a validation
     * accuracy, the smallest n that puts every value it logged on the lattice k/n within the precision it was
     * written with (30 examples give 0.867, 0.933, 0.967). It takes at least {@link Thresholds#LATTICE_MIN_VALUES}
     * distinct values other than 0 and 1 (which sit on every lattice), and n is tried only as far as the precision
     * keeps a chance fit unlikely. Empty when neither says.
     */
    static java.util.OptionalInt validationExamples(Trace trace) {
        String declared = trace.metadata().get(Trace.META_VAL_EXAMPLES);
        if (declared != null) {
            try {
                int n = Integer.parseInt(declared.trim());
                return n > 0 ? java.util.OptionalInt.of(n) : java.util.OptionalInt.empty();
            } catch (NumberFormatException e) {
                return java.util.OptionalInt.empty();
            }
        }
        if (!isAccuracy(trace, Trace.VAL_METRIC)) {
            return java.util.OptionalInt.empty();
        }
        double[] v = finite(trace, Trace.VAL_METRIC);
        boolean percent = v.length > 0 && java.util.Arrays.stream(v).max().getAsDouble() > 1;
        double[] values = java.util.Arrays.stream(v).map(x -> percent ? x / 100 : x).filter(x -> x > 0 && x < 1)
                .distinct().toArray();
        if (values.length < Thresholds.LATTICE_MIN_VALUES) {
            return java.util.OptionalInt.empty();
        }
        // the precision the values were written with: the fewest decimals that give every one of them back
        int decimals = 1;
        while (decimals < 9 && !allWithin(values, Math.pow(10, decimals), 1e-6)) {
            decimals++;
        }
        double half = Math.max(0.5 * Math.pow(10, -decimals), 1e-7);
        // try n upwards while the lattices tried so far would, together, catch values that lie on none of them less
        // than once in a hundred (each value lands within n × half of a multiple of 1/n with odds 2 n half)
        double falseFits = 0;
        for (int n = 2; n <= Thresholds.LATTICE_MAX_EXAMPLES; n++) {
            falseFits += Math.pow(Math.min(1, 2 * n * half), values.length);
            if (falseFits > Thresholds.LATTICE_FALSE_FITS) {
                break;
            }
            if (allWithin(values, n, n * half + 1e-9)) {
                return java.util.OptionalInt.of(n);
            }
        }
        return java.util.OptionalInt.empty();
    }

    private static boolean allWithin(double[] values, double n, double tolerance) {
        for (double x : values) {
            if (Math.abs(x * n - Math.rint(x * n)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
