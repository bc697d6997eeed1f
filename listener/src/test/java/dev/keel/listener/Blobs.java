package dev.keel.listener;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/** Three Gaussian blobs in four dimensions, one-hot labels: data a small classifier learns in a few epochs. */
final class Blobs {
    static final int FEATURES = 4;
    static final int CLASSES = 3;

    private Blobs() {
    }

    /** {@code rows} examples; {@code scale} multiplies the features (a large one makes plain SGD blow up). */
    static DataSet of(int rows, double scale, long seed) {
        Random rng = new Random(seed);
        double[][] centres = {{2, 0, 0, 1}, {0, 2, 1, 0}, {-2, -1, 0, -1}};
        float[][] x = new float[rows][FEATURES];
        float[][] y = new float[rows][CLASSES];
        for (int r = 0; r < rows; r++) {
            int k = r % CLASSES;
            for (int f = 0; f < FEATURES; f++) {
                x[r][f] = (float) (scale * (centres[k][f] + rng.nextGaussian()));
            }
            y[r][k] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    static DataSetIterator batches(DataSet all, int batchSize) {
        List<DataSet> rows = all.asList();
        return new ListDataSetIterator<>(rows, batchSize);
    }
}
