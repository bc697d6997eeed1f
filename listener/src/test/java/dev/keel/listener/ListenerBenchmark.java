package dev.keel.listener;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the listener costs a user's training loop (docs/LISTENER.md): a plain {@code MultiLayerNetwork.fit} loop over
 * minibatches, the same with a {@link KeelListener} at the default interval (with and without its files), and at
 * every step for reference.
 *
 * <p>On a shared machine a run's speed swings by more than the listener costs, so the figures are paired: each round
 * runs every variant once, back to back in a rotating order, and a variant's cost is the median over rounds of its
 * time against plain DL4J's in the same round (training-thread CPU time, which load on other cores disturbs least;
 * wall time beside it). Rounds run in several fresh JVMs, each warmed up by one run of every variant first: DL4J
 * 1.0.0-M2.1 with {@code nopointergc} (as keel runs it) keeps about 45 KB of native memory a step whether or not a
 * listener is attached, so one JVM cannot run them all. Prints the machine's load before and after.
 *
 * <pre>bench/listener-bench.sh [JVMS] [ROUNDS_PER_JVM] [STEPS]</pre>
 */
public final class ListenerBenchmark {
    private static final int FEATURES = 64;
    private static final int CLASSES = 10;
    private static final int ROWS = 1280;
    private static final int BATCH = 32;
    private static final String RESULT = "RESULT";

    private ListenerBenchmark() {
    }

    private static List<Variant> variants(Path tmp) {
        return List.of(
                new Variant("plain DL4J fit", () -> null),
                new Variant("KeelListener, every 10 (default)", KeelListener::create),
                new Variant("KeelListener, every 10, writing trace.csv",
                        () -> KeelListener.builder().writeTo(tmp.resolve("run")).build()),
                new Variant("KeelListener, every step", () -> KeelListener.builder().every(1).build()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int jvms = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        List<Variant> variants = variants(Path.of("unused"));
        System.out.printf(Locale.ROOT, "# 64x64 relu MLP, Adam 1e-3, batch %d, %d features, %d classes; %d steps a run;"
                + " %d JVMs x %d rounds after a warm-up; %d cores, load average before: %s%n", BATCH, FEATURES, CLASSES,
                steps, jvms, rounds, Runtime.getRuntime().availableProcessors(), loadAverage());
        List<double[]> ratiosCpu = new ArrayList<>();
        List<double[]> ratiosWall = new ArrayList<>();
        long maxRss = 0;
        for (int j = 0; j < jvms; j++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ListenerBenchmark.class.getName(),
                    "--child", String.valueOf(rounds), String.valueOf(steps), String.valueOf(j)));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<Integer, double[][]> byRound = new TreeMap<>();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length != 8 || !f[0].equals(RESULT)) {
                        continue;
                    }
                    int round = Integer.parseInt(f[1]);
                    int variant = Integer.parseInt(f[2]);
                    double wall = Double.parseDouble(f[3]);
                    double cpu = Double.parseDouble(f[4]);
                    double inListener = Double.parseDouble(f[5]);
                    double finish = Double.parseDouble(f[6]);
                    maxRss = Math.max(maxRss, Long.parseLong(f[7]));
                    if (variant > 0) {
                        variants.get(variant).inListener.add(inListener / (wall - finish - inListener));
                        variants.get(variant).finish.add(finish * 1000);
                    }
                    byRound.computeIfAbsent(round, r -> new double[variants.size()][])[variant] = new double[] {wall, cpu};
                    variants.get(variant).wall.add(steps / wall);
                    variants.get(variant).cpu.add(steps / cpu);
                }
            }
            if (child.waitFor() != 0) {
                throw new IllegalStateException("benchmark JVM " + j + " failed with exit code " + child.exitValue());
            }
            for (double[][] round : byRound.values()) {
                double[] cpu = new double[variants.size()];
                double[] wall = new double[variants.size()];
                for (int v = 0; v < variants.size(); v++) {
                    cpu[v] = round[v][1] / round[0][1];
                    wall[v] = round[v][0] / round[0][0];
                }
                ratiosCpu.add(cpu);
                ratiosWall.add(wall);
            }
        }
        System.out.printf(Locale.ROOT, "%-42s %6s %8s %10s %13s %11s %22s %9s%n", "variant", "it/s", "it/CPU-s",
                "cost (CPU)", "CPU IQR", "cost (wall)", "in listener (IQR)", "finish()");
        for (int v = 0; v < variants.size(); v++) {
            int index = v;
            List<Double> cpu = ratiosCpu.stream().map(r -> r[index]).toList();
            List<Double> wall = ratiosWall.stream().map(r -> r[index]).toList();
            Variant variant = variants.get(v);
            System.out.printf(Locale.ROOT, "%-42s %6.0f %8.0f %9.1f%% %5.1f..%5.1f%% %10.1f%% %22s %9s%n",
                    variant.name, median(variant.wall), median(variant.cpu), 100 * (median(cpu) - 1),
                    100 * (quantile(cpu, 0.25) - 1), 100 * (quantile(cpu, 0.75) - 1), 100 * (median(wall) - 1),
                    variant.inListener.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f%% (%.2f..%.2f)",
                            100 * median(variant.inListener), 100 * quantile(variant.inListener, 0.25),
                            100 * quantile(variant.inListener, 0.75)),
                    variant.finish.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f ms", median(variant.finish)));
        }
        System.out.printf(Locale.ROOT, "# %d paired rounds; cost = median over rounds of (variant time / plain time in"
                + " the same round) - 1, with its interquartile range (the run includes finish()); in listener = median"
                + " over runs of the time in the listener's callbacks / the rest of the training loop; finish() = the"
                + " final diagnosis, once a run; largest RSS of a benchmark JVM %d MB;"
                + " load average after: %s%n",
                ratiosCpu.size(), maxRss, loadAverage());
    }

    /** One JVM's share: a warm-up run of every variant, then {@code rounds} rounds in a rotating order. */
    private static void child(int rounds, int steps, int offset) throws Exception {
        List<DataSet> batches = batches();
        Path tmp = Files.createTempDirectory("keel-listener-bench");
        List<Variant> variants = variants(tmp);
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                int v = (i + round + offset) % variants.size();
                double[] wallCpu = run(variants.get(v).listener.get(), batches, steps);
                if (round > 0) {
                    System.out.printf(Locale.ROOT, "%s %d %d %.6f %.6f %.6f %.6f %d%n", RESULT, round, v, wallCpu[0],
                            wallCpu[1], wallCpu[2], wallCpu[3], rssMegabytes());
                }
            }
        }
        System.out.flush();
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Seconds of wall time and of this thread's CPU time for {@code steps} optimiser steps and the listener's {@code
     * finish()}, the wall seconds spent inside the listener's callbacks while training, and in {@code finish()}.
     */
    private static double[] run(KeelListener listener, List<DataSet> batches, int steps) {
        MultiLayerNetwork net = network();
        Timed timed = listener == null ? null : new Timed(listener);
        if (timed != null) {
            net.setListeners(timed);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
            net.fit(batches.get(s % batches.size()));
        }
        long finish = System.nanoTime();
        if (timed != null) {
            listener.finish();
        }
        long end = System.nanoTime();
        double[] seconds = {(end - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                timed == null ? 0 : timed.nanos / 1e9, (end - finish) / 1e9};
        net.close();
        return seconds;
    }

    /**
     * The listener, timed: the wall time DL4J spends in its callbacks. Against the rest of the same run this is what
     * the listener's own work costs, a ratio that load on the machine slows alike on both sides; what DL4J does
     * differently because a listener is attached is in the paired figures only.
     */
    private static final class Timed implements TrainingListener {
        private final KeelListener keel;
        long nanos;

        Timed(KeelListener keel) {
            this.keel = keel;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            long t = System.nanoTime();
            keel.iterationDone(model, iteration, epoch);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onEpochStart(Model model) {
            long t = System.nanoTime();
            keel.onEpochStart(model);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onEpochEnd(Model model) {
            long t = System.nanoTime();
            keel.onEpochEnd(model);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            long t = System.nanoTime();
            keel.onForwardPass(model, activations);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            long t = System.nanoTime();
            keel.onForwardPass(model, activations);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onGradientCalculation(Model model) {
            long t = System.nanoTime();
            keel.onGradientCalculation(model);
            nanos += System.nanoTime() - t;
        }

        @Override
        public void onBackwardPass(Model model) {
            long t = System.nanoTime();
            keel.onBackwardPass(model);
            nanos += System.nanoTime() - t;
        }
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

    /** The process's resident memory, from /proc (Linux); -1 elsewhere. */
    private static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /** The {@code q} quantile, interpolated between the closest ranks. */
    private static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double at = q * (v.length - 1);
        int lo = (int) Math.floor(at);
        int hi = (int) Math.ceil(at);
        return v[lo] + (at - lo) * (v[hi] - v[lo]);
    }

    private record Variant(String name, Supplier<KeelListener> listener, List<Double> wall, List<Double> cpu,
                           List<Double> inListener, List<Double> finish) {
        Variant(String name, Supplier<KeelListener> listener) {
            this(name, listener, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }
}
