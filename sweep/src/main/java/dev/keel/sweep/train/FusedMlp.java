package dev.keel.sweep.train;

import dev.keel.sweep.config.Activation;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.Optimizer;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Task;
import dev.keel.sweep.train.memory.NativeMemory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * K dense classification MLPs of one shape ("lanes"), trained as one batched computation: each layer's weights are
 * stacked into one {@code [K, in, out]} array, and a step is a handful of batched matrix products over all lanes
 * instead of some forty small ops per lane. Each lane has its own minibatch (its own data order), learning rate
 * (and schedule), optimiser (sgd, momentum, adam), L2 coefficient and hidden activation (relu, tanh, sigmoid).
 *
 * <p>It computes what DL4J's {@code MultiLayerNetwork.fit} computes for the network {@link NetworkFactory} builds
 * for the lane's config, in the same float arithmetic where it matters: the weights start as that network's (built
 * with the lane's seed and copied), the loss is softmax cross-entropy with DL4J's probability floor averaged over
 * the batch plus ½·l2·‖W‖², the raw gradient is summed over the batch and divided by its size before the
 * updater, L2 is added to the weights' gradient before the updater (biases are not regularised), and the
 * updaters are libnd4j's formulas ({@link JavaAdam}'s Adam, Nesterov momentum, plain sgd). FusedMlpTest holds
 * it to DL4J over 500 steps.
 *
 * <p>Matrix products, bias adds and the forward activations run in ND4J on the stacked arrays; the softmax and
 * loss, the activations' derivatives, the bias gradients and the updaters run in Java on heap copies (a few tens of
 * thousands of floats), which costs less than the ops they replace. Lanes never mix: a lane whose loss goes to
 * NaN leaves the others untouched. A lane that is {@linkplain #deactivate deactivated} keeps its weights and stops
 * updating, but is still computed until the caller builds a smaller group.
 *
 * <p>One group per thread, like a trial.
 */
public final class FusedMlp implements AutoCloseable {
    /** DL4J's LossMCXENT floor on softmax probabilities. */
    static final float SOFTMAX_CLIP = 1e-10f;

    private final int lanes;
    private final int[] sizes;          // inputs, hidden widths..., outputs
    private final int layers;           // weight layers: depth + 1
    private final int laneParams;       // parameters of one lane (DL4J's count)
    private final int[] wOff;           // offset of layer l's stacked W in the flat arrays
    private final int[] bOff;           // offset of layer l's stacked b
    private final int[] dl4jStart;      // offset of layer l's W in one lane's DL4J-ordered parameters
    private final int total;
    private final NetworkShape shape;

    private final INDArray params;      // native, [total]
    private final INDArray grads;       // native, only the W parts are written (by the products)
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] gw;
    private final FloatBuffer paramView;
    private final FloatBuffer gradView;

    private final float[] p;            // heap copy of the parameters: the updaters write here first
    private final float[] g;            // raw gradient of the last step (summed over the batch)
    private final float[] s1;           // momentum's v, Adam's m
    private final float[] s2;           // Adam's v

    private final Optimizer[] optimizer;
    private final Activation[] activation;
    private final ScheduledLearningRate[] rate;
    private final float[] l2;
    private final boolean[] active;
    private final int[][] runs;         // [start, end) of lanes sharing an activation, consecutive
    private final Map<Integer, Pass> passes = new HashMap<>();
    private long iteration;

    private float[] zHeap = new float[0];
    private float[] hHeap = new float[0];
    private float[] eHeap = new float[0];
    private final double[] lastLoss;

    /**
     * Why the fused path cannot train this config, or {@code null} if it can. Everything the plain path has that
     * is not listed here takes the plain path.
     */
    public static String refusal(TrialConfig c, NetworkShape shape) {
        if (shape.task() != Task.CLASSIFICATION) {
            return "regression";
        }
        if (c.model() != ModelType.MLP) {
            return "model " + c.model();
        }
        if (c.batchNorm() || c.residual() || c.dropout() > 0) {
            return "batch norm, residual or dropout";
        }
        if (c.gradientClipping().mode() != dev.keel.sweep.config.GradientClipping.Mode.NONE) {
            return "gradient clipping";
        }
        if (c.l1() > 0 || c.effectiveWeightDecay() > 0) {
            return "l1 or weight decay";
        }
        if (c.optimizer() != Optimizer.SGD && c.optimizer() != Optimizer.MOMENTUM && c.optimizer() != Optimizer.ADAM) {
            return "optimizer " + c.optimizer().token();
        }
        if (c.activation() != Activation.RELU && c.activation() != Activation.TANH
                && c.activation() != Activation.SIGMOID) {
            return "activation " + c.activation().token();
        }
        return null;
    }

    /**
     * @param configs      one per lane; all must be accepted ({@link #refusal}) and share depth and width
     * @param seeds        each lane's trial seed: its initial weights are those of the network the plain path builds
     * @param plannedSteps the schedule's plan, as the plain path's (epochs × steps per epoch), per lane
     */
    public FusedMlp(List<TrialConfig> configs, NetworkShape shape, long[] seeds, long[] plannedSteps) {
        this(checked(configs, shape, seeds, plannedSteps), shape,
                configs.stream().map(TrialConfig::optimizer).toArray(Optimizer[]::new),
                configs.stream().map(TrialConfig::activation).toArray(Activation[]::new),
                rates(configs, plannedSteps), l2s(configs));
        float[] laneP = new float[laneParams];
        for (int k = 0; k < lanes; k++) {
            try (TrialNetwork net = NetworkFactory.build(configs.get(k), shape, seeds[k], plannedSteps[k])) {
                MultiLayerNetwork mln = net.multiLayer();
                if (mln.numParams() != laneParams) {
                    throw new IllegalStateException("DL4J's network has " + mln.numParams() + " parameters, expected "
                            + laneParams);
                }
                TrialNetwork.floatView(mln.params()).get(0, laneP);
            }
            setLaneParameters(k, laneP);
        }
    }

    /** The lanes' common sizes: inputs, {@code depth} hidden widths, outputs; after checking every lane. */
    private static int[] checked(List<TrialConfig> configs, NetworkShape shape, long[] seeds, long[] plannedSteps) {
        int lanes = configs.size();
        if (lanes == 0 || seeds.length != lanes || plannedSteps.length != lanes) {
            throw new IllegalArgumentException("need one seed and plan per lane, got " + lanes + " lanes");
        }
        TrialConfig first = configs.get(0);
        for (int k = 0; k < lanes; k++) {
            TrialConfig c = configs.get(k);
            String refused = refusal(c, shape);
            if (refused != null) {
                throw new IllegalArgumentException("lane " + k + " cannot be fused: " + refused);
            }
            if (c.depth() != first.depth() || c.width() != first.width()) {
                throw new IllegalArgumentException("lane " + k + " has another shape: depth " + c.depth()
                        + " width " + c.width() + " against " + first.depth() + " and " + first.width());
            }
        }
        return sizes(first, shape);
    }

    /** The layer sizes of a config's network: inputs, its hidden widths, outputs. */
    static int[] sizes(TrialConfig c, NetworkShape shape) {
        int[] sizes = new int[c.depth() + 2];
        sizes[0] = shape.inputs();
        for (int l = 1; l <= c.depth(); l++) {
            sizes[l] = c.width();
        }
        sizes[c.depth() + 1] = shape.outputs();
        return sizes;
    }

    private static ScheduledLearningRate[] rates(List<TrialConfig> configs, long[] plannedSteps) {
        ScheduledLearningRate[] r = new ScheduledLearningRate[configs.size()];
        for (int k = 0; k < r.length; k++) {
            TrialConfig c = configs.get(k);
            r[k] = new ScheduledLearningRate(c.lrSchedule(), c.learningRate(), plannedSteps[k]);
        }
        return r;
    }

    private static float[] l2s(List<TrialConfig> configs) {
        float[] r = new float[configs.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = (float) configs.get(k).l2();
        }
        return r;
    }

    /** The layout and native arrays for these lanes; parameters and optimiser state zero. */
    private FusedMlp(int[] sizes, NetworkShape shape, Optimizer[] optimizer, Activation[] activation,
                     ScheduledLearningRate[] rate, float[] l2) {
        NativeMemory.install();
        this.lanes = optimizer.length;
        this.sizes = sizes.clone();
        this.layers = sizes.length - 1;
        this.shape = shape;
        wOff = new int[layers];
        bOff = new int[layers];
        dl4jStart = new int[layers];
        int off = 0;
        int lane = 0;
        for (int l = 0; l < layers; l++) {
            wOff[l] = off;
            off += lanes * sizes[l] * sizes[l + 1];
            bOff[l] = off;
            off += lanes * sizes[l + 1];
            dl4jStart[l] = lane;
            lane += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        total = off;
        laneParams = lane;
        this.optimizer = optimizer;
        this.activation = activation;
        this.rate = rate;
        this.l2 = l2;
        active = new boolean[lanes];
        java.util.Arrays.fill(active, true);
        lastLoss = new double[lanes];
        runs = runs(activation);
        params = Nd4j.create(DataType.FLOAT, total);
        grads = Nd4j.create(DataType.FLOAT, total);
        w = new INDArray[layers];
        b = new INDArray[layers];
        gw = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            w[l] = params.get(NDArrayIndex.interval(wOff[l], wOff[l] + (long) lanes * in * out)).reshape('c', lanes, in, out);
            b[l] = params.get(NDArrayIndex.interval(bOff[l], bOff[l] + (long) lanes * out)).reshape('c', lanes, 1, out);
            gw[l] = grads.get(NDArrayIndex.interval(wOff[l], wOff[l] + (long) lanes * in * out)).reshape('c', lanes, in, out);
        }
        paramView = TrialNetwork.floatView(params);
        gradView = TrialNetwork.floatView(grads);
        p = new float[total];
        g = new float[total];
        s1 = new float[total];
        s2 = new float[total];
    }

    /**
     * A group of only the lanes {@code keep} (indices into this one, in the new order), with their weights, optimiser
     * state, activity and step count: what a group goes on as once some of its lanes have ended. This group is left
     * as it was; close it.
     */
    public FusedMlp retain(int[] keep) {
        Optimizer[] o = new Optimizer[keep.length];
        Activation[] a = new Activation[keep.length];
        ScheduledLearningRate[] r = new ScheduledLearningRate[keep.length];
        float[] l = new float[keep.length];
        for (int i = 0; i < keep.length; i++) {
            o[i] = optimizer[keep[i]];
            a[i] = activation[keep[i]];
            r[i] = rate[keep[i]];
            l[i] = l2[keep[i]];
        }
        FusedMlp next = new FusedMlp(sizes, shape, o, a, r, l);
        next.iteration = iteration;
        for (int i = 0; i < keep.length; i++) {
            next.active[i] = active[keep[i]];
            for (int layer = 0; layer < layers; layer++) {
                int len = sizes[layer] * sizes[layer + 1];
                int out = sizes[layer + 1];
                for (float[][] pair : new float[][][] {{p, next.p}, {s1, next.s1}, {s2, next.s2}}) {
                    System.arraycopy(pair[0], wOff[layer] + keep[i] * len, pair[1], next.wOff[layer] + i * len, len);
                    System.arraycopy(pair[0], bOff[layer] + keep[i] * out, pair[1], next.bOff[layer] + i * out, out);
                }
            }
        }
        next.paramView.put(0, next.p, 0, next.total);
        return next;
    }

    /** Consecutive lanes with one activation; callers order lanes by activation to keep this short. */
    private static int[][] runs(Activation[] a) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= a.length; k++) {
            if (k == a.length || a[k] != a[start]) {
                out.add(new int[] {start, k});
                start = k;
            }
        }
        return out.toArray(new int[0][]);
    }

    public int lanes() {
        return lanes;
    }

    /** Parameters of one lane, as DL4J counts them. */
    public int laneParameterCount() {
        return laneParams;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[layers];
    }

    /** Steps taken so far (DL4J's iteration count: the next step's 0-based index). */
    public long iteration() {
        return iteration;
    }

    /** Whether lane {@code k} still updates. */
    public boolean active(int k) {
        return active[k];
    }

    /** Lane {@code k} stops updating from the next step (pruned, stopped early, diverged, finished). */
    public void deactivate(int k) {
        active[k] = false;
    }

    public int activeCount() {
        int n = 0;
        for (boolean a : active) {
            if (a) {
                n++;
            }
        }
        return n;
    }

    /** The learning rate lane {@code k}'s step with 0-based index {@code t} uses. */
    public double learningRate(int k, long t) {
        return rate[k].at(t);
    }

    /** The per-step arrays for {@code n} rows per lane, made once per size. */
    private final class Pass {
        final int n;
        final INDArray x;           // [K, n, in]
        final INDArray[] h;         // hidden layer l's output [K, n, w], pre-activation until the activation runs
        final INDArray[][] hRuns;   // views of h[l] per run of lanes
        final INDArray z;           // output layer's pre-activation [K, n, C]
        final INDArray d;           // dL/dz of the output layer
        final INDArray[] e;         // dL/d(output of hidden layer l), then dL/d(pre-activation)
        final FloatBuffer xView;
        final FloatBuffer zView;
        final FloatBuffer dView;
        final FloatBuffer[] hView;
        final FloatBuffer[] eView;
        final List<INDArray> owned = new ArrayList<>();

        Pass(int n) {
            this.n = n;
            x = own(Nd4j.create(DataType.FLOAT, lanes, n, sizes[0]));
            h = new INDArray[layers - 1];
            e = new INDArray[layers - 1];
            hRuns = new INDArray[layers - 1][];
            hView = new FloatBuffer[layers - 1];
            eView = new FloatBuffer[layers - 1];
            for (int l = 0; l < layers - 1; l++) {
                h[l] = own(Nd4j.create(DataType.FLOAT, lanes, n, sizes[l + 1]));
                e[l] = own(Nd4j.create(DataType.FLOAT, lanes, n, sizes[l + 1]));
                hView[l] = TrialNetwork.floatView(h[l]);
                eView[l] = TrialNetwork.floatView(e[l]);
                hRuns[l] = new INDArray[runs.length];
                for (int r = 0; r < runs.length; r++) {
                    hRuns[l][r] = runs.length == 1 ? h[l]
                            : h[l].get(NDArrayIndex.interval(runs[r][0], runs[r][1]), NDArrayIndex.all(), NDArrayIndex.all());
                }
            }
            z = own(Nd4j.create(DataType.FLOAT, lanes, n, sizes[layers]));
            d = own(Nd4j.create(DataType.FLOAT, lanes, n, sizes[layers]));
            xView = TrialNetwork.floatView(x);
            zView = TrialNetwork.floatView(z);
            dView = TrialNetwork.floatView(d);
        }

        private INDArray own(INDArray a) {
            owned.add(a);
            return a;
        }

        void close() {
            for (INDArray a : owned) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }

    private Pass pass(int n) {
        return passes.computeIfAbsent(n, Pass::new);
    }

    /** Forward pass of every lane on {@code x} ({@code [K, n, inputs]}, row-major); leaves logits in {@code pass.z}. */
    private void forward(Pass pass, float[] x) {
        pass.xView.put(0, x, 0, lanes * pass.n * sizes[0]);
        INDArray in = pass.x;
        for (int l = 0; l < layers; l++) {
            INDArray out = l < layers - 1 ? pass.h[l] : pass.z;
            Nd4j.matmul(in, w[l], out, false, false, false);
            Nd4j.exec(new AddOp(new INDArray[] {out, b[l]}, new INDArray[] {out}));
            if (l < layers - 1) {
                for (int r = 0; r < runs.length; r++) {
                    INDArray v = pass.hRuns[l][r];
                    switch (activation[runs[r][0]]) {
                        case RELU -> Transforms.relu(v, false);
                        case TANH -> Transforms.tanh(v, false);
                        case SIGMOID -> Transforms.sigmoid(v, false);
                        default -> throw new IllegalStateException("not fused: " + activation[runs[r][0]]);
                    }
                }
            }
            in = out;
        }
    }

    /**
     * One optimiser step of every active lane, each on its own minibatch of {@code n} rows.
     *
     * @param x      {@code K × n × inputs} features, lane-major, row-major
     * @param labels {@code K × n} class indices
     * @return each lane's loss on its batch before the step (DL4J's score: mean cross-entropy plus ½·l2·‖W‖²); the
     *         array is reused by the next call
     */
    public double[] step(int n, float[] x, int[] labels) {
        Pass pass = pass(n);
        forward(pass, x);
        int c = sizes[layers];
        int zn = lanes * n * c;
        float[] z = zHeap(zn);
        pass.zView.get(0, z, 0, zn);
        for (int k = 0; k < lanes; k++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                int o = (k * n + r) * c;
                softmax(z, o, c);
                int y = labels[k * n + r];
                sum -= Math.log(Math.max(SOFTMAX_CLIP, z[o + y]));
                for (int j = 0; j < c; j++) {
                    // DL4J floors the probabilities before it subtracts the labels
                    float q = Math.max(SOFTMAX_CLIP, z[o + j]);
                    z[o + j] = j == y ? q - 1f : q;
                }
            }
            lastLoss[k] = sum / n + regularisation(k);
        }
        pass.dView.put(0, z, 0, zn);
        backward(pass, z);
        update(n);
        iteration++;
        return lastLoss;
    }

    /** ½·l2·‖W‖² of lane k's weights (biases are not regularised), DL4J's regularisation score. */
    private double regularisation(int k) {
        if (l2[k] == 0) {
            return 0;
        }
        double s = 0;
        for (int l = 0; l < layers; l++) {
            int len = sizes[l] * sizes[l + 1];
            int from = wOff[l] + k * len;
            double sq = 0;
            for (int i = from; i < from + len; i++) {
                sq += (double) p[i] * p[i];
            }
            s += sq;
        }
        return (double) l2[k] * 0.5 * s;
    }

    /** Row softmax in place, in float like libnd4j's: exp(x − max) / Σ. */
    private static void softmax(float[] z, int o, int c) {
        float max = z[o];
        for (int j = 1; j < c; j++) {
            max = Math.max(max, z[o + j]);
        }
        float sum = 0;
        for (int j = 0; j < c; j++) {
            float e = (float) Math.exp(z[o + j] - max);
            z[o + j] = e;
            sum += e;
        }
        for (int j = 0; j < c; j++) {
            z[o + j] /= sum;
        }
    }

    private float[] zHeap(int n) {
        if (zHeap.length < n) {
            zHeap = new float[n];
        }
        return zHeap;
    }

    /** dL/d(pre-activation) of the hidden layer being back-propagated; the layer above's is used up before. */
    private float[] eHeap(int n) {
        if (eHeap.length < n) {
            eHeap = new float[n];
        }
        return eHeap;
    }

    private float[] hHeap(int n) {
        if (hHeap.length < n) {
            hHeap = new float[n];
        }
        return hHeap;
    }

    /** Raw gradients (summed over the batch) into {@link #g}; {@code delta} holds dL/dz of the output layer. */
    private void backward(Pass pass, float[] delta) {
        int n = pass.n;
        INDArray d = pass.d;
        float[] dHeap = delta;
        for (int l = layers - 1; l >= 0; l--) {
            INDArray in = l == 0 ? pass.x : pass.h[l - 1];
            Nd4j.matmul(in, d, gw[l], true, false, false);
            biasGradient(l, dHeap, n);
            if (l > 0) {
                Nd4j.matmul(d, w[l], pass.e[l - 1], false, true, false);
                int m = lanes * n * sizes[l];
                float[] e = eHeap(m);
                float[] h = hHeap(m);
                pass.eView[l - 1].get(0, e, 0, m);
                pass.hView[l - 1].get(0, h, 0, m);
                derivative(e, h, n, sizes[l]);
                pass.eView[l - 1].put(0, e, 0, m);
                d = pass.e[l - 1];
                dHeap = e;
            }
        }
        for (int l = 0; l < layers; l++) {
            gradView.get(wOff[l], g, wOff[l], lanes * sizes[l] * sizes[l + 1]);
        }
    }

    /** dL/d(pre-activation) from dL/d(output) and the output, per lane's activation (relu_bp, tanh_bp, sigmoid_bp). */
    private void derivative(float[] e, float[] h, int n, int width) {
        int per = n * width;
        for (int k = 0; k < lanes; k++) {
            int from = k * per;
            int to = from + per;
            switch (activation[k]) {
                case RELU -> {
                    for (int i = from; i < to; i++) {
                        e[i] = h[i] > 0 ? e[i] : 0f;
                    }
                }
                case TANH -> {
                    for (int i = from; i < to; i++) {
                        e[i] = e[i] * (1f - h[i] * h[i]);
                    }
                }
                case SIGMOID -> {
                    for (int i = from; i < to; i++) {
                        e[i] = e[i] * h[i] * (1f - h[i]);
                    }
                }
                default -> throw new IllegalStateException("not fused: " + activation[k]);
            }
        }
    }

    private void biasGradient(int l, float[] delta, int n) {
        int out = sizes[l + 1];
        for (int k = 0; k < lanes; k++) {
            int gb = bOff[l] + k * out;
            for (int j = 0; j < out; j++) {
                g[gb + j] = 0f;
            }
            for (int r = 0; r < n; r++) {
                int o = (k * n + r) * out;
                for (int j = 0; j < out; j++) {
                    g[gb + j] += delta[o + j];
                }
            }
        }
    }

    /** Each active lane's updater on {@link #g} / n, written to {@link #p} and then to the native parameters. */
    private void update(int n) {
        float batch = n;
        for (int k = 0; k < lanes; k++) {
            if (!active[k]) {
                continue;
            }
            float lr = (float) rate[k].at(iteration);
            for (int l = 0; l < layers; l++) {
                int len = sizes[l] * sizes[l + 1];
                updateRange(k, wOff[l] + k * len, len, batch, lr, l2[k]);
                updateRange(k, bOff[l] + k * sizes[l + 1], sizes[l + 1], batch, lr, 0f);
            }
        }
        paramView.put(0, p, 0, total);
    }

    private void updateRange(int k, int from, int len, float batch, float lr, float l2k) {
        int to = from + len;
        switch (optimizer[k]) {
            case SGD -> {
                for (int i = from; i < to; i++) {
                    float grad = g[i] / batch;
                    if (l2k != 0) {
                        grad = l2k * p[i] + grad;
                    }
                    p[i] -= grad * lr;
                }
            }
            case MOMENTUM -> {
                // libnd4j's nesterovs_updater: v' = μv − lr·g, update = μv + (−μ−1)·v'
                float mu = (float) Dl4jKnobs.NESTEROV_MOMENTUM;
                float muT = -mu - 1;
                for (int i = from; i < to; i++) {
                    float grad = g[i] / batch;
                    if (l2k != 0) {
                        grad = l2k * p[i] + grad;
                    }
                    float prev = mu * s1[i];
                    float v = prev - lr * grad;
                    s1[i] = v;
                    p[i] -= prev + muT * v;
                }
            }
            case ADAM -> {
                // JavaAdam's arithmetic (libnd4j's adamUpdater_) with DL4J's default β1, β2, ε
                float beta1 = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY;
                float beta2 = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_BETA2_VAR_DECAY;
                float epsilon = (float) org.nd4j.linalg.learning.config.Adam.DEFAULT_ADAM_EPSILON;
                float t = (float) iteration + 1;
                float beta1T = (float) Math.pow(beta1, t);
                float beta2T = (float) Math.pow(beta2, t);
                float epsilonT = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
                if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
                    epsilonT = epsilon;
                }
                float oneMinusBeta1 = 1 - beta1;
                float oneMinusBeta2 = 1 - beta2;
                for (int i = from; i < to; i++) {
                    float grad = g[i] / batch;
                    if (l2k != 0) {
                        grad = l2k * p[i] + grad;
                    }
                    float u = beta2 * s2[i] + grad * grad * oneMinusBeta2;
                    float m = beta1 * s1[i] + grad * oneMinusBeta1;
                    s2[i] = u;
                    s1[i] = m;
                    p[i] -= (m * epsilonT) / ((float) Math.sqrt(u) + epsilon);
                }
            }
            default -> throw new IllegalStateException("not fused: " + optimizer[k]);
        }
    }

    /**
     * Softmax outputs of every lane on {@code x} ({@code K × n × inputs}); {@code n × C} per lane, lane-major,
     * in a new array.
     */
    public float[] output(int n, float[] x) {
        Pass pass = pass(n);
        forward(pass, x);
        int c = sizes[layers];
        float[] out = new float[lanes * n * c];
        pass.zView.get(0, out, 0, out.length);
        for (int i = 0; i < lanes * n; i++) {
            softmax(out, i * c, c);
        }
        return out;
    }

    /** Lane k's parameters in DL4J's flattened order (per layer: W column-major, then b), into {@code dst}. */
    public void laneParameters(int k, float[] dst) {
        toDl4j(p, k, dst);
    }

    /**
     * Lane k's raw gradient of the last step in DL4J's flattened order: summed over the batch, before division and
     * L2, what DL4J's gradient view holds when its listeners' {@code onGradientCalculation} runs.
     */
    public void laneGradients(int k, float[] dst) {
        toDl4j(g, k, dst);
    }

    /** Sets lane k's parameters from DL4J's flattened order (initial weights, best weights restored). */
    public void setLaneParameters(int k, float[] src) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int wk = wOff[l] + k * in * out;
            int s = dl4jStart[l];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    p[wk + i * out + j] = src[s + i + j * in];
                }
            }
            System.arraycopy(src, s + in * out, p, bOff[l] + k * out, out);
        }
        paramView.put(0, p, 0, total);
    }

    private void toDl4j(float[] stacked, int k, float[] dst) {
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int wk = wOff[l] + k * in * out;
            int s = dl4jStart[l];
            for (int j = 0; j < out; j++) {
                for (int i = 0; i < in; i++) {
                    dst[s + i + j * in] = stacked[wk + i * out + j];
                }
            }
            System.arraycopy(stacked, bOff[l] + k * out, dst, s + in * out, out);
        }
    }

    /** Where each dense layer's parameters start in a lane's DL4J-ordered parameters, and how many it has. */
    public List<TracedLayer> tracedLayers() {
        List<TracedLayer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            boolean hidden = l < layers - 1;
            out.add(new TracedLayer(hidden ? "dense_" + l : "output", hidden, l, dl4jStart[l],
                    (long) sizes[l] * sizes[l + 1] + sizes[l + 1]));
        }
        return out;
    }

    /**
     * Lane k's output of hidden layer {@code l} on the last forward pass of {@code n} rows ({@code n × width},
     * row-major), for the trace's dead and saturated fractions.
     */
    public float[] hiddenOutput(int n, int l, int k) {
        Pass pass = pass(n);
        int per = n * sizes[l + 1];
        float[] out = new float[per];
        pass.hView[l].get(k * per, out, 0, per);
        return out;
    }

    @Override
    public void close() {
        for (Pass pass : passes.values()) {
            pass.close();
        }
        passes.clear();
        for (INDArray a : new INDArray[] {params, grads}) {
            if (a.closeable()) {
                a.close();
            }
        }
    }
}
