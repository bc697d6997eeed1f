package dev.keel.sweep.train;

import dev.keel.sweep.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Scores a network on one split (validation or test); the split's features go native once per trial. */
final class SplitEvaluator implements AutoCloseable {
    private final Table table;
    private final String prefix;
    private final boolean classification;
    private final int outputs;
    private final double targetMean;
    private final double targetSd;
    private final INDArray features;

    SplitEvaluator(Table preprocessed, String prefix, boolean classification, int outputs,
                   double targetMean, double targetSd) {
        this.table = preprocessed;
        this.prefix = prefix;
        this.classification = classification;
        this.outputs = outputs;
        this.targetMean = targetMean;
        this.targetSd = targetSd;
        int n = preprocessed.rows();
        int f = preprocessed.columns();
        float[] x = new float[n * f];
        for (int r = 0; r < n; r++) {
            double[] row = preprocessed.features()[r];
            for (int c = 0; c < f; c++) {
                x[r * f + c] = (float) row[c];
            }
        }
        this.features = n == 0 ? null : Nd4j.create(x, new long[] {n, f}, DataType.FLOAT);
    }

    boolean isEmpty() {
        return features == null;
    }

    Metrics.Score evaluate(TrialNetwork network) {
        float[] out = new float[table.rows() * outputs];
        if (features != null) {
            INDArray predictions = network.output(features);
            for (int r = 0; r < table.rows(); r++) {
                for (int c = 0; c < outputs; c++) {
                    out[r * outputs + c] = predictions.getFloat(r, c);
                }
            }
            if (predictions.closeable()) {
                predictions.close();
            }
        }
        return classification
                ? Metrics.classification(out, table.targets(), outputs, prefix)
                : Metrics.regression(out, table.targets(), targetMean, targetSd, prefix);
    }

    @Override
    public void close() {
        if (features != null && features.closeable()) {
            features.close();
        }
    }
}
