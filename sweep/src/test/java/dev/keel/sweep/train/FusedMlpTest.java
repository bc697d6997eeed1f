package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Table;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's equivalence: each fused lane against DL4J's {@code fit} of the network the plain path builds for the
 * same config and seed, on the same minibatches, step by step over 500 steps: the loss within 1e-4 relative at every
 * step, for every knob the fused path accepts (sgd, momentum, adam; relu, tanh, sigmoid; L2; a schedule).
 */
class FusedMlpTest {
    private static final PreparedData DIGITS = TestDatasets.digits();
    private static final int STEPS = 500;
    private static final int BATCH = 32;

    private static TrialConfig config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("depth", 2);
        m.put("width", 64);
        m.put("batch_size", BATCH);
        m.put("preprocess", "standardize");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TrialConfig.fromParams(m);
    }

    /** Every lane's minibatches: its own shuffle of the standardised training rows, batch after batch. */
    private static final class LaneData {
        final Table rows;
        final int[] order;
        final Random rng;
        int next;

        LaneData(TrialConfig c, long seed) {
            rows = new TrialData(c, DIGITS).epoch(new Random(seed));
            order = new int[rows.rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            rng = new Random(seed);
            shuffle();
        }

        private void shuffle() {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            next = 0;
        }

        /** The next batch's rows (the last of an epoch may be short; every lane has the same sizes). */
        int[] batch() {
            if (next >= order.length) {
                shuffle();
            }
            int n = Math.min(BATCH, order.length - next);
            int[] rows = new int[n];
            System.arraycopy(order, next, rows, 0, n);
            next += n;
            return rows;
        }
    }

    /** Largest relative loss difference per lane over the steps, and the fused and plain parameters at the end. */
    private record Comparison(double[] worstLoss, float[][] fused, float[][] plain, double[][] fusedLoss,
                              double[][] plainLoss) {
    }

    private static Comparison compare(List<TrialConfig> configs, long[] seeds, int steps,
                                      Map<Integer, Integer> deactivateAt) {
        NetworkShape shape = NetworkShape.of(DIGITS);
        int k = configs.size();
        int f = shape.inputs();
        int c = shape.outputs();
        long perEpoch = (DIGITS.train().rows() + BATCH - 1) / BATCH;
        long[] planned = new long[k];
        java.util.Arrays.fill(planned, perEpoch * 20);
        List<LaneData> fusedData = new ArrayList<>();
        List<LaneData> plainData = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            fusedData.add(new LaneData(configs.get(i), seeds[i]));
            plainData.add(new LaneData(configs.get(i), seeds[i]));
        }
        double[] worst = new double[k];
        double[][] fusedLoss = new double[k][steps];
        double[][] plainLoss = new double[k][steps];
        float[][] fusedParams = new float[k][];
        float[][] plainParams = new float[k][];
        try (FusedMlp fused = new FusedMlp(configs, shape, seeds, planned)) {
            for (int s = 0; s < steps; s++) {
                int[][] batches = new int[k][];
                for (int i = 0; i < k; i++) {
                    batches[i] = fusedData.get(i).batch();
                }
                int n = batches[0].length;
                float[] x = new float[k * n * f];
                int[] y = new int[k * n];
                for (int i = 0; i < k; i++) {
                    Table t = fusedData.get(i).rows;
                    for (int r = 0; r < n; r++) {
                        int row = batches[i][r];
                        for (int j = 0; j < f; j++) {
                            x[(i * n + r) * f + j] = (float) t.features()[row][j];
                        }
                        y[i * n + r] = (int) t.targets()[row];
                    }
                }
                for (Map.Entry<Integer, Integer> e : deactivateAt.entrySet()) {
                    if (e.getValue() == s) {
                        fused.deactivate(e.getKey());
                    }
                }
                double[] loss = fused.step(n, x, y);
                for (int i = 0; i < k; i++) {
                    fusedLoss[i][s] = loss[i];
                }
            }
            for (int i = 0; i < k; i++) {
                fusedParams[i] = new float[fused.laneParameterCount()];
                fused.laneParameters(i, fusedParams[i]);
            }
        }
        for (int i = 0; i < k; i++) {
            TrialConfig cfg = configs.get(i);
            try (TrialNetwork net = NetworkFactory.build(cfg, shape, seeds[i], planned[i])) {
                LaneData data = plainData.get(i);
                int stop = deactivateAt.getOrDefault(i, steps);
                for (int s = 0; s < stop; s++) {
                    int[] rows = data.batch();
                    int n = rows.length;
                    float[] x = new float[n * f];
                    float[] y = new float[n * c];
                    for (int r = 0; r < n; r++) {
                        for (int j = 0; j < f; j++) {
                            x[r * f + j] = (float) data.rows.features()[rows[r]][j];
                        }
                        y[r * c + (int) data.rows.targets()[rows[r]]] = 1f;
                    }
                    INDArray xs = Nd4j.create(x, new long[] {n, f}, DataType.FLOAT);
                    INDArray ys = Nd4j.create(y, new long[] {n, c}, DataType.FLOAT);
                    net.fit(xs, ys);
                    plainLoss[i][s] = net.score();
                    double rel = Math.abs(fusedLoss[i][s] - plainLoss[i][s]) / Math.max(1e-12, Math.abs(plainLoss[i][s]));
                    if (!(rel <= worst[i])) {
                        worst[i] = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
                    }
                }
                plainParams[i] = new float[(int) net.numParams()];
                TrialNetwork.floatView(net.params()).get(0, plainParams[i]);
            }
        }
        return new Comparison(worst, fusedParams, plainParams, fusedLoss, plainLoss);
    }

    private static double relativeDistance(float[] a, float[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            n += (double) b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    @Test
    void everyAcceptedKnobMatchesDl4jOver500Steps() {
        List<TrialConfig> configs = List.of(
                config("optimizer", "sgd", "learning_rate", 0.1, "activation", "relu"),
                config("optimizer", "sgd", "learning_rate", 0.01, "activation", "relu", "l2", 1e-3),
                config("optimizer", "momentum", "learning_rate", 0.01, "activation", "relu"),
                config("optimizer", "adam", "learning_rate", 0.001, "activation", "relu"),
                config("optimizer", "adam", "learning_rate", 0.003, "activation", "relu", "l2", 1e-4,
                        "lr_schedule", "cosine"),
                config("optimizer", "sgd", "learning_rate", 0.1, "activation", "tanh"),
                config("optimizer", "momentum", "learning_rate", 0.003, "activation", "tanh", "l2", 1e-3),
                config("optimizer", "adam", "learning_rate", 0.001, "activation", "tanh"),
                config("optimizer", "sgd", "learning_rate", 0.3, "activation", "sigmoid"),
                config("optimizer", "momentum", "learning_rate", 0.03, "activation", "sigmoid",
                        "lr_schedule", "warmup_cosine"),
                config("optimizer", "adam", "learning_rate", 0.001, "activation", "sigmoid", "l2", 1e-4,
                        "weight_init", "xavier"));
        long[] seeds = new long[configs.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 11 + 7L * i;
        }
        Comparison cmp = compare(configs, seeds, STEPS, Map.of());
        for (int i = 0; i < configs.size(); i++) {
            double params = relativeDistance(cmp.fused()[i], cmp.plain()[i]);
            System.out.printf("lane %d %s: worst loss %.3g, params %.3g, loss %.4f -> %.4f%n", i,
                    configs.get(i).toParams().values().stream().limit(5).toList(), cmp.worstLoss()[i], params,
                    cmp.plainLoss()[i][0], cmp.plainLoss()[i][STEPS - 1]);
            assertThat(cmp.worstLoss()[i]).as("lane %d loss", i).isLessThanOrEqualTo(1e-4);
            assertThat(params).as("lane %d parameters", i).isLessThanOrEqualTo(1e-3);
        }
    }

    @Test
    void aDeactivatedLaneFreezesAndADivergingLaneLeavesTheOthersAlone() {
        List<TrialConfig> configs = List.of(
                config("optimizer", "adam", "learning_rate", 0.001, "activation", "relu"),
                config("optimizer", "sgd", "learning_rate", 50.0, "activation", "relu"),
                config("optimizer", "sgd", "learning_rate", 0.05, "activation", "tanh"));
        long[] seeds = {3, 4, 5};
        Comparison cmp = compare(configs, seeds, 200, Map.of(2, 120));
        assertThat(cmp.worstLoss()[0]).isLessThanOrEqualTo(1e-4);
        assertThat(relativeDistance(cmp.fused()[0], cmp.plain()[0])).isLessThanOrEqualTo(1e-3);
        // lane 2 stopped updating before its step 121: its weights are those DL4J has after 120 steps
        assertThat(relativeDistance(cmp.fused()[2], cmp.plain()[2])).isLessThanOrEqualTo(1e-4);
        for (int s = 0; s < 120; s++) {
            double rel = Math.abs(cmp.fusedLoss()[2][s] - cmp.plainLoss()[2][s]) / cmp.plainLoss()[2][s];
            assertThat(rel).isLessThanOrEqualTo(1e-4);
        }
        // lane 1 diverges on both paths
        assertThat(Double.isFinite(cmp.plainLoss()[1][199]) && cmp.plainLoss()[1][199] < 1).isFalse();
        assertThat(Double.isFinite(cmp.fusedLoss()[1][199]) && cmp.fusedLoss()[1][199] < 1).isFalse();
    }
}
