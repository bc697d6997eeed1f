package dev.keel.sweep.data;

import dev.keel.sweep.config.Preprocessing;

/**
 * Feature scaling fitted on the training split only, then applied unchanged to every split (fitting on
 * validation or test data would leak them into training). Constant columns are left centred, not divided
 * by zero.
 */
public final class Preprocessor {
    private final Preprocessing kind;
    private final double[] shift;
    private final double[] scale;

    private Preprocessor(Preprocessing kind, double[] shift, double[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    /** Fits {@code kind} on the training table's features. */
    public static Preprocessor fit(Preprocessing kind, Table train) {
        int cols = train.columns();
        double[] shift = new double[cols];
        double[] scale = new double[cols];
        java.util.Arrays.fill(scale, 1.0);
        if (kind == Preprocessing.STANDARDIZE) {
            for (int c = 0; c < cols; c++) {
                double mean = 0;
                for (double[] row : train.features()) {
                    mean += row[c];
                }
                mean /= Math.max(1, train.rows());
                double var = 0;
                for (double[] row : train.features()) {
                    var += (row[c] - mean) * (row[c] - mean);
                }
                double sd = Math.sqrt(var / Math.max(1, train.rows()));
                shift[c] = mean;
                scale[c] = sd > 0 ? sd : 1.0;
            }
        } else if (kind == Preprocessing.MINMAX) {
            for (int c = 0; c < cols; c++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double[] row : train.features()) {
                    min = Math.min(min, row[c]);
                    max = Math.max(max, row[c]);
                }
                if (train.rows() == 0) {
                    min = 0;
                    max = 1;
                }
                shift[c] = min;
                scale[c] = max > min ? max - min : 1.0;
            }
        }
        return new Preprocessor(kind, shift, scale);
    }

    public Preprocessing kind() {
        return kind;
    }

    /** The value a raw feature value {@code raw} of column {@code c} becomes. */
    public double transform(int c, double raw) {
        return (raw - shift[c]) / scale[c];
    }

    /** A new table with every feature transformed; targets are shared, not copied. */
    public Table apply(Table table) {
        if (kind == Preprocessing.NONE) {
            return table;
        }
        double[][] out = new double[table.rows()][];
        for (int r = 0; r < out.length; r++) {
            double[] row = table.features()[r];
            double[] t = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                t[c] = (row[c] - shift[c]) / scale[c];
            }
            out[r] = t;
        }
        return new Table(out, table.targets());
    }
}
