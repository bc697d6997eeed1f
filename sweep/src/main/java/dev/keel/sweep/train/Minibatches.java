package dev.keel.sweep.train;

import dev.keel.sweep.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * One epoch's minibatches, copied into native arrays made once per trial. A new INDArray per batch would
 * cost a native allocation each step; here the rows of the shuffled epoch are written into the same two
 * buffers (plus two for the last, smaller batch) through float views of their memory.
 */
final class Minibatches implements AutoCloseable {
    private final int rows;
    private final int batchSize;
    private final int features;
    private final int outputs;
    private final boolean classification;
    private final double targetMean;
    private final double targetSd;

    private final INDArray fullFeatures;
    private final INDArray fullLabels;
    private final INDArray lastFeatures;
    private final INDArray lastLabels;
    private final float[] featureScratch;
    private final float[] labelScratch;

    private Table table;
    private int[] order;
    private int loaded;

    /**
     * @param targetMean subtracted from regression targets (0 for classification)
     * @param targetSd   regression targets are divided by it (1 for classification)
     */
    Minibatches(int rows, int batchSize, int features, int outputs, boolean classification,
                double targetMean, double targetSd) {
        this.rows = rows;
        this.batchSize = Math.min(batchSize, rows);
        this.features = features;
        this.outputs = outputs;
        this.classification = classification;
        this.targetMean = targetMean;
        this.targetSd = targetSd;
        fullFeatures = Nd4j.create(DataType.FLOAT, this.batchSize, features);
        fullLabels = Nd4j.create(DataType.FLOAT, this.batchSize, outputs);
        int last = rows % this.batchSize;
        lastFeatures = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, features);
        lastLabels = last == 0 ? null : Nd4j.create(DataType.FLOAT, last, outputs);
        featureScratch = new float[this.batchSize * features];
        labelScratch = new float[this.batchSize * outputs];
    }

    int count() {
        return (rows + batchSize - 1) / batchSize;
    }

    /** Plans an epoch: the rows of {@code table} in the order {@code order}. */
    void epoch(Table table, int[] order) {
        if (table.rows() != rows || order.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " rows, got " + table.rows());
        }
        this.table = table;
        this.order = order;
    }

    /** Copies batch {@code b} into the native buffers; returns its size. */
    int load(int b) {
        int start = b * batchSize;
        int size = Math.min(batchSize, rows - start);
        java.util.Arrays.fill(labelScratch, 0, size * outputs, 0f);
        for (int i = 0; i < size; i++) {
            int r = order[start + i];
            double[] x = table.features()[r];
            for (int c = 0; c < features; c++) {
                featureScratch[i * features + c] = (float) x[c];
            }
            double y = table.targets()[r];
            if (classification) {
                labelScratch[i * outputs + (int) y] = 1f;
            } else {
                labelScratch[i] = (float) ((y - targetMean) / targetSd);
            }
        }
        write(features(size), featureScratch, size * features);
        write(labels(size), labelScratch, size * outputs);
        loaded = size;
        return size;
    }

    INDArray features() {
        return features(loaded);
    }

    INDArray labels() {
        return labels(loaded);
    }

    private INDArray features(int size) {
        return size == batchSize ? fullFeatures : lastFeatures;
    }

    private INDArray labels(int size) {
        return size == batchSize ? fullLabels : lastLabels;
    }

    private static void write(INDArray target, float[] values, int n) {
        FloatBuffer view = TrialNetwork.floatView(target);
        view.put(0, values, 0, n);
    }

    @Override
    public void close() {
        for (INDArray a : new INDArray[] {fullFeatures, fullLabels, lastFeatures, lastLabels}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
