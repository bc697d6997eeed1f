package dev.keel.sweep.train;

import dev.keel.sweep.config.Preprocessing;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Preprocessor;
import dev.keel.sweep.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The first rows of a dataset's training split as one standardised minibatch, for tests that step a network by hand. */
final class TestBatches {
    private TestBatches() {
    }

    static INDArray[] first(PreparedData data, int rows) {
        return first(data, rows, Preprocessing.STANDARDIZE);
    }

    static INDArray[] first(PreparedData data, int rows, Preprocessing preprocessing) {
        Table t = Preprocessor.fit(preprocessing, data.train()).apply(data.train());
        int f = t.columns();
        int k = data.outputs();
        float[] x = new float[rows * f];
        float[] y = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < f; c++) {
                x[r * f + c] = (float) t.features()[r][c];
            }
            y[r * k + (int) t.targets()[r]] = 1;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {rows, f}, DataType.FLOAT),
                Nd4j.create(y, new long[] {rows, k}, DataType.FLOAT)};
    }
}
