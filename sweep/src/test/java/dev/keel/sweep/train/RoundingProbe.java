package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Table;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How far DL4J's own training moves when one weight changes by one float ulp, against how far a fused lane is from
 * DL4J: for each config, the first step at which the loss differs by more than 1e-4 relative, and the difference at
 * step 1. Not a test: {@code java -cp ... dev.keel.sweep.train.RoundingProbe [SPACE.yaml [IDS]]} (docs/PERFORMANCE.md,
 * Fused trials).
 */
public final class RoundingProbe {
    private static final int STEPS = 500;
    private static final int BATCH = 32;

    private RoundingProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            grid(java.nio.file.Path.of(args[0]), args.length > 1 ? args[1].split(",") : new String[0]);
            return;
        }
        PreparedData digits = TestDatasets.digits();
        List<Map<String, Object>> cases = List.of(
                Map.of("optimizer", "adam", "learning_rate", 0.001, "activation", "relu"),
                Map.of("optimizer", "sgd", "learning_rate", 0.1, "activation", "relu"),
                Map.of("optimizer", "adam", "learning_rate", 0.01, "activation", "relu"),
                Map.of("optimizer", "sgd", "learning_rate", 1.0, "activation", "tanh"),
                Map.of("optimizer", "adam", "learning_rate", 0.1, "activation", "tanh"));
        for (Map<String, Object> c : cases) {
            TrialConfig config = TrialConfig.fromParams(c).with(Map.of("depth", 2, "width", 64, "batch_size", BATCH,
                    "preprocess", "standardize"));
            double[] a = dl4j(config, digits, 7, false, 20L * 40);
            double[] b = dl4j(config, digits, 7, true, 20L * 40);
            double[] f = fused(config, digits, 7, 20L * 40);
            System.out.printf("%s: one ulp in DL4J: step 1 %.2g, first apart %d; fused vs DL4J: step 1 %.2g,"
                    + " first apart %d%n", c, rel(a[0], b[0]), apart(a, b), rel(a[0], f[0]), apart(a, f));
        }
    }

    /**
     * The same comparison on a space's own trials (its data split, each trial's seed and planned steps), e.g.
     * {@code bench/optuna-grid.yaml t0004-r0,t0007-r0,t0010-r0,t0013-r0}.
     */
    private static void grid(java.nio.file.Path space, String[] ids) {
        dev.keel.sweep.space.SweepSpace s = dev.keel.sweep.space.SpaceParser.parse(space);
        PreparedData data = dev.keel.sweep.data.DataLoader.load(s.data(), s.seed());
        dev.keel.sweep.sampler.TrialQueue queue = dev.keel.sweep.sampler.TrialQueue.of(s);
        long perEpoch = (data.train().rows() + BATCH - 1) / BATCH;
        while (queue.hasNext()) {
            dev.keel.sweep.sampler.PlannedTrial t = queue.next();
            if (ids.length > 0 && !java.util.Arrays.asList(ids).contains(t.id())) {
                continue;
            }
            long planned = perEpoch * t.config().epochs();
            double[] a = dl4j(t.config(), data, t.seed(), false, planned);
            double[] b = dl4j(t.config(), data, t.seed(), true, planned);
            double[] f = fused(t.config(), data, t.seed(), planned);
            System.out.printf("%s %s %s %s: one ulp in DL4J: first apart %d; fused vs DL4J: step 1 %.2g,"
                    + " first apart %d%n", t.id(), t.config().optimizer().token(), t.config().learningRate(),
                    t.config().activation().token(), apart(a, b), rel(a[0], f[0]), apart(a, f));
        }
    }

    private static double rel(double x, double y) {
        return Math.abs(x - y) / Math.abs(x);
    }

    private static int apart(double[] x, double[] y) {
        for (int s = 0; s < x.length; s++) {
            if (!(rel(x[s], y[s]) <= 1e-4)) {
                return s + 1;
            }
        }
        return -1;
    }

    private static int[][] batches(TrialConfig c, PreparedData data, long seed, Table[] rows) {
        rows[0] = new TrialData(c, data).epoch(new Random(seed));
        int n = rows[0].rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed);
        int[][] out = new int[STEPS][];
        int next = n;
        for (int s = 0; s < STEPS; s++) {
            if (next >= n) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                next = 0;
            }
            int size = Math.min(BATCH, n - next);
            out[s] = java.util.Arrays.copyOfRange(order, next, next + size);
            next += size;
        }
        return out;
    }

    private static double[] dl4j(TrialConfig c, PreparedData data, long seed, boolean nudge, long planned) {
        Table[] rows = new Table[1];
        int[][] batches = batches(c, data, seed, rows);
        NetworkShape shape = NetworkShape.of(data);
        double[] loss = new double[STEPS];
        try (TrialNetwork net = NetworkFactory.build(c, shape, seed, planned)) {
            if (nudge) {
                FloatBuffer p = TrialNetwork.floatView(net.params());
                p.put(100, Math.nextUp(p.get(100)));
            }
            int f = shape.inputs();
            int k = shape.outputs();
            for (int s = 0; s < STEPS; s++) {
                int n = batches[s].length;
                float[] x = new float[n * f];
                float[] y = new float[n * k];
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < f; j++) {
                        x[r * f + j] = (float) rows[0].features()[batches[s][r]][j];
                    }
                    y[r * k + (int) rows[0].targets()[batches[s][r]]] = 1f;
                }
                INDArray xs = Nd4j.create(x, new long[] {n, f}, DataType.FLOAT);
                INDArray ys = Nd4j.create(y, new long[] {n, k}, DataType.FLOAT);
                net.fit(xs, ys);
                loss[s] = net.score();
            }
        }
        return loss;
    }

    private static double[] fused(TrialConfig c, PreparedData data, long seed, long planned) {
        Table[] rows = new Table[1];
        int[][] batches = batches(c, data, seed, rows);
        NetworkShape shape = NetworkShape.of(data);
        double[] loss = new double[STEPS];
        try (FusedMlp net = new FusedMlp(List.of(c), shape, new long[] {seed}, new long[] {planned})) {
            int f = shape.inputs();
            for (int s = 0; s < STEPS; s++) {
                int n = batches[s].length;
                float[] x = new float[n * f];
                int[] y = new int[n];
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < f; j++) {
                        x[r * f + j] = (float) rows[0].features()[batches[s][r]][j];
                    }
                    y[r] = (int) rows[0].targets()[batches[s][r]];
                }
                loss[s] = net.step(n, x, y)[0];
            }
        }
        return loss;
    }
}
