package dev.keel.sweep.train;

import dev.keel.sweep.config.Activation;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The per-layer numbers of the trace, computed in Java from native buffers so that measuring allocates no
 * ND4J arrays (each of which would cost a native object, see {@code NativeMemory}).
 */
final class LayerStatistics {
    /** DESIGN.md: a sigmoid/tanh unit is saturated when its input is beyond |x| > 5. */
    static final double SATURATION_INPUT = 5.0;
    /** The outputs that correspond to |x| > 5: the functions are monotonic, so the input need not be kept. */
    static final double SIGMOID_SATURATED_HIGH = 1 / (1 + Math.exp(-SATURATION_INPUT));
    static final double SIGMOID_SATURATED_LOW = 1 / (1 + Math.exp(SATURATION_INPUT));
    static final double TANH_SATURATED = Math.tanh(SATURATION_INPUT);

    private LayerStatistics() {
    }

    static double sumOfSquares(FloatBuffer b, long start, long count) {
        double s = 0;
        int end = Math.toIntExact(start + count);
        for (int i = (int) start; i < end; i++) {
            double v = b.get(i);
            s += v * v;
        }
        return s;
    }

    static double sumOfSquares(float[] a, long start, long count) {
        double s = 0;
        int end = Math.toIntExact(start + count);
        for (int i = (int) start; i < end; i++) {
            double v = a[i];
            s += v * v;
        }
        return s;
    }

    /** Squared L2 norm of {@code now - before} over a range. */
    static double sumOfSquaredChanges(FloatBuffer now, float[] before, long start, long count) {
        double s = 0;
        int end = Math.toIntExact(start + count);
        for (int i = (int) start; i < end; i++) {
            double d = (double) now.get(i) - before[i];
            s += d * d;
        }
        return s;
    }

    /** Whether the activation can saturate in DESIGN.md's sense (sigmoid, tanh). */
    static boolean saturates(Activation a) {
        return a == Activation.SIGMOID || a == Activation.TANH;
    }

    /**
     * Share of units (dimension 1: dense units or convolution channels) whose output is exactly 0 for every
     * example of the batch, and every position for convolutions.
     */
    static double deadFraction(INDArray activations) {
        long[] shape = activations.shape();
        int units = (int) shape[1];
        boolean[] alive = new boolean[units];
        forEach(activations, (unit, v) -> {
            if (v != 0) {
                alive[unit] = true;
            }
        });
        int dead = 0;
        for (boolean a : alive) {
            if (!a) {
                dead++;
            }
        }
        return dead / (double) units;
    }

    /** Share of unit outputs on the batch whose input was beyond |x| > 5 (sigmoid and tanh only). */
    static double saturatedFraction(INDArray activations, Activation activation) {
        long[] count = new long[1];
        boolean sigmoid = activation == Activation.SIGMOID;
        forEach(activations, (unit, v) -> {
            boolean saturated = sigmoid
                    ? v > SIGMOID_SATURATED_HIGH || v < SIGMOID_SATURATED_LOW
                    : Math.abs(v) > TANH_SATURATED;
            if (saturated) {
                count[0]++;
            }
        });
        return count[0] / (double) activations.length();
    }

    private interface UnitValue {
        void accept(int unit, float value);
    }

    /** Visits every element with its index along dimension 1, reading the buffer through its strides. */
    private static void forEach(INDArray a, UnitValue visit) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        DataBuffer data = a.data();
        int rank = shape.length;
        if (a.isView()) {
            long[] idx = new long[rank];
            for (long n = 0; n < a.length(); n++) {
                visit.accept((int) idx[1], a.getFloat(idx));
                increment(idx, shape);
            }
            return;
        }
        long[] idx = new long[rank];
        long total = a.length();
        for (long n = 0; n < total; n++) {
            long offset = 0;
            for (int d = 0; d < rank; d++) {
                offset += idx[d] * stride[d];
            }
            visit.accept((int) idx[1], data.getFloat(offset));
            increment(idx, shape);
        }
    }

    private static void increment(long[] idx, long[] shape) {
        for (int d = idx.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return;
            }
            idx[d] = 0;
        }
    }
}
