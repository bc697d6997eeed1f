package dev.keel.sweep.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Adam with its update computed in Java over the arrays' memory instead of by libnd4j's {@code adam_updater} op.
 *
 * <p>In ND4J 1.0.0-M2.1 that op took about 1 ms for the 8,970 parameters of the benchmark's 2 × 64 MLP (a 32×64
 * by 64×64 matrix product: about 80 µs on the same machine), a quarter of a two-worker sweep's native time by JFR;
 * the same loop in Java takes tens of microseconds. It is the op's arithmetic, in float, in the op's order
 * (libnd4j's {@code adamUpdater_}: bias correction folded into the step size), so the numbers are the op's up to
 * the last bit of {@code pow}. Arrays that are not contiguous float memory take the op, as before.
 */
final class JavaAdam extends Adam {
    JavaAdam(ISchedule learningRate) {
        super(learningRate);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        long[] gradientShape = viewArray.reshape(viewArray.length()).shape();
        gradientShape = Arrays.copyOf(gradientShape, gradientShape.length);
        gradientShape[0] /= 2;
        u.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater u = new Updater(this);
        u.setState(state, initialize);
        return u;
    }

    @Override
    public Adam clone() {
        return new JavaAdam(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
    }

    /** DL4J's AdamUpdater (state, views, serialisation) with the arithmetic of {@link #applyUpdater} in Java. */
    static final class Updater extends AdamUpdater {
        Updater(Adam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = getM();
            INDArray v = getV();
            if (m == null || v == null) {
                throw new IllegalStateException("Updater has not been initialized with view state");
            }
            long n = gradient.length();
            if (!contiguousFloat(gradient, n) || !contiguousFloat(m, n) || !contiguousFloat(v, n)) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            // asNioFloat() is the whole underlying memory; a view starts at its buffer's offset.
            FloatBuffer g = gradient.data().asNioFloat();
            FloatBuffer fm = m.data().asNioFloat();
            FloatBuffer fv = v.data().asNioFloat();
            int go = (int) gradient.data().offset();
            int mo = (int) m.data().offset();
            int vo = (int) v.data().offset();
            if (go + n > g.capacity() || mo + n > fm.capacity() || vo + n > fv.capacity()) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            update(g, go, fm, mo, fv, vo, (int) n, c.getLearningRate(iteration, epoch), c.getBeta1(), c.getBeta2(),
                    c.getEpsilon(), iteration);
        }

        /**
         * libnd4j's adamUpdater_ in float: u = β2·u + g²·(1−β2), m = β1·m + g·(1−β1), g = m·ε_t / (√u + ε) with
         * ε_t = lr·√(1−β2^(t+1)) / (1−β1^(t+1)), or ε when that is not finite or 0. The values are copied into
         * arrays a chunk at a time (memcpys) so that the JIT vectorises the loop; a buffer's own get/put is element
         * by element.
         */
        static void update(FloatBuffer g, int go, FloatBuffer m, int mo, FloatBuffer v, int vo, int n,
                           double dLr, double dBeta1, double dBeta2, double dEpsilon, int iteration) {
            float lr = (float) dLr;
            float beta1 = (float) dBeta1;
            float beta2 = (float) dBeta2;
            float epsilon = (float) dEpsilon;
            float t = (float) iteration + 1;
            float beta1T = (float) Math.pow(beta1, t);
            float beta2T = (float) Math.pow(beta2, t);
            float epsilonT = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
            if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
                epsilonT = epsilon;
            }
            float oneMinusBeta1 = 1 - beta1;
            float oneMinusBeta2 = 1 - beta2;
            float[][] s = SCRATCH.get();
            float[] gs = s[0];
            float[] ms = s[1];
            float[] vs = s[2];
            for (int from = 0; from < n; from += CHUNK) {
                int k = Math.min(CHUNK, n - from);
                g.get(go + from, gs, 0, k);
                m.get(mo + from, ms, 0, k);
                v.get(vo + from, vs, 0, k);
                for (int i = 0; i < k; i++) {
                    float grad = gs[i];
                    float u = beta2 * vs[i] + grad * grad * oneMinusBeta2;
                    float mm = beta1 * ms[i] + grad * oneMinusBeta1;
                    vs[i] = u;
                    ms[i] = mm;
                    gs[i] = (mm * epsilonT) / ((float) Math.sqrt(u) + epsilon);
                }
                g.put(go + from, gs, 0, k);
                m.put(mo + from, ms, 0, k);
                v.put(vo + from, vs, 0, k);
            }
        }

        /** Elements per pass: three arrays of this many floats (48 KB) per training thread, whatever the network. */
        static final int CHUNK = 4096;

        /** Per training thread, reused from step to step. */
        private static final ThreadLocal<float[][]> SCRATCH =
                ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK], new float[CHUNK]});

        private static boolean contiguousFloat(INDArray a, long n) {
            return a.dataType() == DataType.FLOAT && a.length() == n && n < Integer.MAX_VALUE
                    && a.elementWiseStride() == 1 && a.offset() == a.data().offset() && a.data().length() >= n;
        }
    }
}
