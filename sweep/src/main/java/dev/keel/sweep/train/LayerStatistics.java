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
    /** docs/DESIGN.md: a sigmoid/tanh unit is saturated when its input is beyond |x| > 5. */
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

    /** Whether the activation can saturate in docs/DESIGN.md's sense (sigmoid, tanh). */
    static boolean saturates(Activation a) {
        return a == Activation.SIGMOID || a == Activation.TANH;
    }

    /**
     * Share of units (dimension 1: dense units or convolution channels) whose output is exactly 0 for every
     * example of the batch, and every position for convolutions.
     */
    static double deadFraction(INDArray activations) {
        Grid g = Grid.of(activations);
        int dead = 0;
        for (int u = 0; u < g.units; u++) {
            boolean alive = false;
            for (int b = 0; b < g.examples && !alive; b++) {
                for (int p = 0; p < g.positions; p++) {
                    if (g.get(b, u, p) != 0) {
                        alive = true;
                        break;
                    }
                }
            }
            if (!alive) {
                dead++;
            }
        }
        return dead / (double) g.units;
    }

    /** Share of unit outputs on the batch whose input was beyond |x| > 5 (sigmoid and tanh only). */
    static double saturatedFraction(INDArray activations, Activation activation) {
        Grid g = Grid.of(activations);
        boolean sigmoid = activation == Activation.SIGMOID;
        long count = 0;
        for (int b = 0; b < g.examples; b++) {
            for (int u = 0; u < g.units; u++) {
                for (int p = 0; p < g.positions; p++) {
                    float v = g.get(b, u, p);
                    if (sigmoid ? v > SIGMOID_SATURATED_HIGH || v < SIGMOID_SATURATED_LOW : Math.abs(v) > TANH_SATURATED) {
                        count++;
                    }
                }
            }
        }
        return count / (double) activations.length();
    }

    /** {@link #deadFraction(INDArray)} of a dense layer's {@code examples × units} row-major outputs. */
    static double deadFraction(float[] out, int examples, int units) {
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean alive = false;
            for (int b = 0; b < examples; b++) {
                if (out[b * units + u] != 0) {
                    alive = true;
                    break;
                }
            }
            if (!alive) {
                dead++;
            }
        }
        return dead / (double) units;
    }

    /** {@link #saturatedFraction(INDArray, Activation)} of the first {@code n} values of {@code out}. */
    static double saturatedFraction(float[] out, int n, Activation activation) {
        boolean sigmoid = activation == Activation.SIGMOID;
        long count = 0;
        for (int i = 0; i < n; i++) {
            float v = out[i];
            if (sigmoid ? v > SIGMOID_SATURATED_HIGH || v < SIGMOID_SATURATED_LOW : Math.abs(v) > TANH_SATURATED) {
                count++;
            }
        }
        return count / (double) n;
    }

    /**
     * An activation array read as (example, unit, position): rank 2 for dense layers, rank 4 (NCHW) for
     * convolutions, whose positions are the h×w pixels. Reads go straight to the buffer through the strides.
     */
    private record Grid(INDArray array, DataBuffer data, int examples, int units, int positions,
                        long exampleStride, long unitStride, long rowStride, long columnStride, int width) {
        static Grid of(INDArray a) {
            if (a.rank() != 2 && a.rank() != 4) {
                throw new IllegalArgumentException("expected dense [batch, units] or convolution [batch, c, h, w]"
                        + " outputs, got shape " + java.util.Arrays.toString(a.shape()));
            }
            if (a.isView()) {
                // Not seen for layer outputs; a C-ordered copy keeps the arithmetic below valid.
                a = a.dup('c');
            }
            long[] shape = a.shape();
            long[] stride = a.stride();
            if (shape.length == 2) {
                return new Grid(a, a.data(), (int) shape[0], (int) shape[1], 1, stride[0], stride[1], 0, 0, 1);
            }
            return new Grid(a, a.data(), (int) shape[0], (int) shape[1], (int) (shape[2] * shape[3]),
                    stride[0], stride[1], stride[2], stride[3], (int) shape[3]);
        }

        float get(int example, int unit, int position) {
            long offset = example * exampleStride + unit * unitStride;
            if (positions > 1) {
                offset += (position / width) * rowStride + (position % width) * columnStride;
            }
            return data.getFloat(offset);
        }
    }
}
