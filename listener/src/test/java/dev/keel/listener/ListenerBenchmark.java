package dev.keel.listener;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What the listener costs a user's training loop (docs/LISTENER.md): a plain {@code MultiLayerNetwork.fit} loop over
 * minibatches, the same with a {@link KeelListener} at the default interval (with and without its files), and at
 * every step for reference. Variants run interleaved, in a rotating order, so that load on a shared machine falls on
 * each alike; prints steps per second (wall and thread CPU) and each variant's cost against plain DL4J, medians over
 * the rounds after one warm-up round.
 *
 * <pre>bench/listener-bench.sh [ROUNDS] [STEPS]</pre>
 */
public final class ListenerBenchmark {
    private static final int FEATURES = 64;
    private static final int CLASSES = 10;
    private static final int ROWS = 1280;
    private static final int BATCH = 32;

    private ListenerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        List<DataSet> batches = batches();
        Path tmp = Files.createTempDirectory("keel-listener-bench");
        List<Variant> variants = List.of(
                new Variant("plain DL4J fit", () -> null),
                new Variant("KeelListener, every 10 (default)", KeelListener::create),
                new Variant("KeelListener, every 10, writing trace.csv",
                        () -> KeelListener.builder().writeTo(tmp.resolve("run")).build()),
                new Variant("KeelListener, every step", () -> KeelListener.builder().every(1).build()));
        System.out.printf(Locale.ROOT, "# 64x64 relu MLP, Adam 1e-3, batch %d, %d features, %d classes; %d steps a run,"
                + " %d rounds after a warm-up%n", BATCH, FEATURES, CLASSES, steps, rounds);
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + round) % variants.size());
                double[] wallCpu = run(v.listener.get(), batches, steps);
                if (round > 0) {
                    v.wall.add(steps / wallCpu[0]);
                    v.cpu.add(steps / wallCpu[1]);
                }
            }
        }
        double plainWall = median(variants.get(0).wall);
        double plainCpu = median(variants.get(0).cpu);
        System.out.printf(Locale.ROOT, "%-44s %10s %10s %12s %12s%n", "variant", "it/s", "it/CPU-s", "cost (wall)",
                "cost (CPU)");
        for (Variant v : variants) {
            double wall = median(v.wall);
            double cpu = median(v.cpu);
            System.out.printf(Locale.ROOT, "%-44s %10.0f %10.0f %11.1f%% %11.1f%%%n", v.name, wall, cpu,
                    100 * (plainWall / wall - 1), 100 * (plainCpu / cpu - 1));
        }
    }

    /** Seconds of wall time and of this thread's CPU time for {@code steps} optimiser steps. */
    private static double[] run(KeelListener listener, List<DataSet> batches, int steps) {
        MultiLayerNetwork net = network();
        if (listener != null) {
            net.setListeners(listener);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
            net.fit(batches.get(s % batches.size()));
        }
        if (listener != null) {
            listener.finish();
        }
        double[] seconds = {(System.nanoTime() - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
        net.close();
        return seconds;
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Ten Gaussian classes in 64 dimensions, as many rows as the digits set: 40 minibatches an epoch. */
    private static List<DataSet> batches() {
        Random rng = new Random(3);
        double[][] centres = new double[CLASSES][FEATURES];
        for (double[] c : centres) {
            for (int f = 0; f < FEATURES; f++) {
                c[f] = rng.nextGaussian();
            }
        }
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < ROWS; start += BATCH) {
            float[][] x = new float[BATCH][FEATURES];
            float[][] y = new float[BATCH][CLASSES];
            for (int r = 0; r < BATCH; r++) {
                int k = rng.nextInt(CLASSES);
                for (int f = 0; f < FEATURES; f++) {
                    x[r][f] = (float) (centres[k][f] + rng.nextGaussian());
                }
                y[r][k] = 1;
            }
            out.add(new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT)));
        }
        return out;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private record Variant(String name, Supplier<KeelListener> listener, List<Double> wall, List<Double> cpu) {
        Variant(String name, Supplier<KeelListener> listener) {
            this(name, listener, new ArrayList<>(), new ArrayList<>());
        }
    }
}
