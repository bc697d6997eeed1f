package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Time per step of the benchmark grid's network (2 × 64, 64 features, 10 classes, batch 32; or DEPTH × WIDTH, BATCH):
 * DL4J's {@code fit} of
 * one network against a {@link FusedMlp} step of K lanes (half sgd, half adam; half relu, half tanh), in one JVM,
 * alternating. Not a test: run with
 * {@code java -cp ... dev.keel.sweep.train.FusedBench [STEPS] [ROUNDS] [DEPTH WIDTH BATCH]}
 * (docs/PERFORMANCE.md, Fused trials).
 */
public final class FusedBench {
    private static int depth;
    private static int width;
    private static int batch;

    private FusedBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        depth = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        width = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int[] lanes = {1, 2, 4, 8, 16};
        NetworkShape shape = new NetworkShape(64, 10, Task.CLASSIFICATION, null);
        Random rng = new Random(1);
        for (int r = 0; r <= rounds; r++) {
            double plain = plain(shape, steps, rng);
            StringBuilder line = new StringBuilder(String.format("round %d%s: plain fit %.1f us/step", r,
                    r == 0 ? " (warm-up)" : "", plain));
            for (int k : lanes) {
                double fused = fused(shape, k, steps, rng);
                line.append(String.format("; K=%d %.1f us/step %.1f us/lane (%.2fx)", k, fused, fused / k,
                        plain / (fused / k)));
            }
            System.out.println(line);
        }
    }

    private static TrialConfig config(int i) {
        return TrialConfig.fromParams(Map.of("optimizer", i % 2 == 0 ? "sgd" : "adam",
                "activation", (i / 2) % 2 == 0 ? "relu" : "tanh", "learning_rate", 0.01, "depth", depth, "width", width,
                "batch_size", batch));
    }

    private static double plain(NetworkShape shape, int steps, Random rng) {
        try (TrialNetwork net = NetworkFactory.build(config(1), shape, 1, steps)) {
            float[] x = new float[batch * 64];
            float[] y = new float[batch * 10];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < batch; i++) {
                y[i * 10 + rng.nextInt(10)] = 1f;
            }
            INDArray xs = Nd4j.create(x, new long[] {batch, 64}, DataType.FLOAT);
            INDArray ys = Nd4j.create(y, new long[] {batch, 10}, DataType.FLOAT);
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                net.fit(xs, ys);
                dev.keel.sweep.train.memory.NativeMemory.reclaim();
            }
            return (System.nanoTime() - t0) / 1e3 / steps;
        }
    }

    private static double fused(NetworkShape shape, int k, int steps, Random rng) {
        List<TrialConfig> configs = new ArrayList<>();
        long[] seeds = new long[k];
        long[] planned = new long[k];
        for (int i = 0; i < k; i++) {
            configs.add(config(i));
            seeds[i] = i;
            planned[i] = steps;
        }
        configs.sort(java.util.Comparator.comparing(TrialConfig::activation));
        try (FusedMlp net = new FusedMlp(configs, shape, seeds, planned)) {
            float[] x = new float[k * batch * 64];
            int[] y = new int[k * batch];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextInt(10);
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                net.step(batch, x, y);
                dev.keel.sweep.train.memory.NativeMemory.reclaim();
            }
            return (System.nanoTime() - t0) / 1e3 / steps;
        }
    }
}
