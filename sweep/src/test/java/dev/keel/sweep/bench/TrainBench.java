package dev.keel.sweep.bench;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Preprocessor;
import dev.keel.sweep.data.Table;
import dev.keel.sweep.train.StepReport;
import dev.keel.sweep.train.StopHook;
import dev.keel.sweep.train.Trainer;
import dev.keel.sweep.train.TrialOutcome;
import dev.keel.sweep.train.TestDatasets;
import dev.keel.sweep.train.memory.NativeMemory;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training speed and memory of keel's trainer against plain DL4J; run by {@code bench/train-bench.sh},
 * figures in docs/PERFORMANCE.md. The network is the brief's: a 64×64 relu MLP, Adam 1e-3, He init,
 * batch 32, on digits (1,257 training rows, 40 steps an epoch), standardised.
 *
 * <pre>
 * speed  REPEATS STEPS [mlp|wide|cnn]   keel with per-layer statistics every 1, 5, 10, 20 steps and without,
 *                        and (mlp) plain MultiLayerNetwork.fit(DataSetIterator) in the same JVM, in a fresh
 *                        random order every round
 * plain  REPEATS STEPS   plain DL4J only, without keel's memory handling (run in a fresh JVM)
 * memory STEPS [mlp|wide|cnn|resbn]  one keel trial of STEPS steps with tracing; RSS every 10,000 steps
 *                        (every STEPS/10 for shorter runs)
 * plainmemory STEPS      plain MultiLayerNetwork.fit for STEPS steps; RSS every 10,000 steps
 * </pre>
 */
public final class TrainBench {
    private static final int STEPS_PER_EPOCH = 40;

    private TrainBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        PreparedData digits = TestDatasets.digits();
        switch (mode) {
            case "speed" -> speed(digits, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args.length > 3 ? args[3] : "mlp");
            case "plain" -> plainSpeed(digits, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "memory" -> memory(digits, Integer.parseInt(args[1]), args.length > 2 ? args[2] : "mlp");
            case "plainmemory" -> plainMemory(digits, Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static TrialConfig config(int steps, int traceEvery) {
        return config(steps, traceEvery, "mlp");
    }

    /**
     * mlp: the brief's 64×64 MLP; wide: 4 layers of 256; cnn: keel's two-convolution network and one dense
     * layer; resbn: the 64×64 MLP as a residual graph with batch norm, dropout, clipping and weight decay.
     */
    static TrialConfig config(int steps, int traceEvery, String model) {
        int epochs = Math.max(1, steps / STEPS_PER_EPOCH);
        boolean wide = model.equals("wide");
        boolean resbn = model.equals("resbn");
        return TrialConfig.fromParams(Map.of("depth", wide ? 4 : model.equals("cnn") ? 1 : 2, "width", wide ? 256 : 64,
                        "batch_size", 32, "optimizer", "adam", "learning_rate", 0.001, "activation", "relu",
                        "weight_init", "he", "epochs", epochs, "early_stopping", "none"))
                .with(resbn ? Map.of("residual", true, "batch_norm", true, "dropout", 0.1, "gradient_clipping", 1.0,
                        "weight_decay", 1e-4) : Map.of())
                .withTraining(model.equals("cnn") ? dev.keel.sweep.config.ModelType.CNN : dev.keel.sweep.config.ModelType.MLP,
                        traceEvery, TrialConfig.NO_TIME_LIMIT);
    }

    private static void speed(PreparedData data, int repeats, int steps, String model) {
        NativeMemory.install();
        String none = "keel, no layer statistics";
        Map<String, Runnable> variants = new java.util.LinkedHashMap<>();
        variants.put(none, () -> Trainer.withoutLayerStatistics().train(config(steps, 1, model), data, 1, StopHook.NEVER));
        for (int every : new int[] {TrialConfig.DEFAULT_TRACE_EVERY, 1, 5, 20}) {
            variants.putIfAbsent("keel, trace_every " + every,
                    () -> new Trainer().train(config(steps, every, model), data, 1, StopHook.NEVER));
        }
        if (model.equals("mlp")) {
            variants.put("plain MultiLayerNetwork.fit (same JVM)", () -> plainFit(data, steps));
        }
        Map<String, List<Double>> wall = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> cpu = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(k -> {
            wall.put(k, new ArrayList<>());
            cpu.put(k, new ArrayList<>());
        });
        int actualSteps = Math.max(1, steps / STEPS_PER_EPOCH) * STEPS_PER_EPOCH;
        java.util.Random order = new java.util.Random(1);
        for (int r = 0; r < repeats + 1; r++) {
            // A fresh order every round, so that no variant always pays for the garbage of the one before.
            List<String> names = new ArrayList<>(variants.keySet());
            java.util.Collections.shuffle(names, order);
            for (String name : names) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                variants.get(name).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuSeconds = (processCpuNanos() - c0) / 1e9;
                if (r > 0) {
                    wall.get(name).add(actualSteps / seconds);
                    cpu.get(name).add(actualSteps / cpuSeconds);
                }
            }
        }
        double baseWall = median(wall.get(none));
        double baseCpu = median(cpu.get(none));
        System.out.printf(Locale.ROOT, "%-40s %10s %8s %12s %8s   %s%n", "variant (" + model + ", " + actualSteps + " steps)",
                "it/s", "vs none", "it/CPU-s", "vs none", "it/s runs");
        for (String name : variants.keySet()) {
            System.out.printf(Locale.ROOT, "%-40s %10.0f %+7.1f%% %12.0f %+7.1f%%   %s%n", name, median(wall.get(name)),
                    100 * (median(wall.get(name)) / baseWall - 1), median(cpu.get(name)),
                    100 * (median(cpu.get(name)) / baseCpu - 1), format(wall.get(name)));
        }
        System.out.println("native memory: " + NativeMemory.status());
    }

    /** CPU time of the whole process (GC and JIT threads included), which other processes' load barely moves. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void plainSpeed(PreparedData data, int repeats, int steps) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        int actualSteps = Math.max(1, steps / STEPS_PER_EPOCH) * STEPS_PER_EPOCH;
        for (int r = 0; r < repeats + 1; r++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            plainFit(data, steps);
            if (r > 0) {
                wall.add(actualSteps / ((System.nanoTime() - t0) / 1e9));
                cpu.add(actualSteps / ((processCpuNanos() - c0) / 1e9));
            }
        }
        System.out.printf(Locale.ROOT, "%-40s %10.0f it/s %12.0f it/CPU-s   %s%n", "plain MultiLayerNetwork.fit (own JVM)",
                median(wall), median(cpu), format(wall));
    }

    /** Plain DL4J as a user would write it: the same layers, DataSets in a ListDataSetIterator, fit(iterator). */
    private static void plainFit(PreparedData data, int steps) {
        MultiLayerNetwork net = plainNetwork(data);
        net.fit(plainIterator(data), Math.max(1, steps / STEPS_PER_EPOCH));
    }

    static MultiLayerNetwork plainNetwork(PreparedData data) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).updater(new Adam(1e-3)).weightInit(WeightInit.RELU).activation(Activation.RELU)
                .list()
                .layer(new DenseLayer.Builder().nOut(64).build())
                .layer(new DenseLayer.Builder().nOut(64).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(data.outputs()).build())
                .setInputType(InputType.feedForward(data.features()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ListDataSetIterator<DataSet> plainIterator(PreparedData data) {
        Table t = Preprocessor.fit(dev.keel.sweep.config.Preprocessing.STANDARDIZE, data.train()).apply(data.train());
        List<DataSet> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            float[] x = new float[t.columns()];
            for (int c = 0; c < x.length; c++) {
                x[c] = (float) t.features()[r][c];
            }
            float[] y = new float[data.outputs()];
            y[(int) t.targets()[r]] = 1;
            rows.add(new DataSet(Nd4j.create(x, 1, x.length), Nd4j.create(y, 1, y.length)));
        }
        return new ListDataSetIterator<>(rows, 32);
    }

    private static void memory(PreparedData data, int steps, String model) {
        int every = steps >= 50_000 ? 10_000 : Math.max(1_000, steps / 10);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%8s %10s %10s %10s %10s %12s%n", "step", "VmRSS MB", "VmHWM MB", "heap MB",
                "it/s", "native live");
        long[] last = {System.nanoTime()};
        StopHook sample = (StepReport r) -> {
            if (r.step() % every == 0 || r.step() == 1_000) {
                long now = System.nanoTime();
                long span = r.step() == 1_000 ? 1_000 : r.step() <= every ? every - 1_000 : every;
                System.out.printf(Locale.ROOT, "%8d %10d %10d %10d %10.0f %12d%n", r.step(), status("VmRSS"),
                        status("VmHWM"), (rt.totalMemory() - rt.freeMemory()) >> 20, span / ((now - last[0]) / 1e9),
                        NativeMemory.status().tracked());
                last[0] = now;
            }
            return false;
        };
        long c0 = processCpuNanos();
        TrialOutcome o = new Trainer().train(config(steps, TrialConfig.DEFAULT_TRACE_EVERY, model), data, 1, sample);
        System.out.printf(Locale.ROOT, "%d steps in %.1f s: %.0f it/s, %.0f it/CPU-s overall; %s%n", o.steps(),
                o.seconds(), o.steps() / o.seconds(), o.steps() / ((processCpuNanos() - c0) / 1e9), NativeMemory.status());
    }

    private static void plainMemory(PreparedData data, int steps) {
        MultiLayerNetwork net = plainNetwork(data);
        ListDataSetIterator<DataSet> it = plainIterator(data);
        long[] last = {System.nanoTime()};
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                int step = iteration + 1;
                if (step % 10_000 == 0 || step == 1_000) {
                    long now = System.nanoTime();
                    long span = step == 1_000 ? 1_000 : step <= 10_000 ? 9_000 : 10_000;
                    System.out.printf(Locale.ROOT, "%8d %10d %10d %10.0f%n", step, status("VmRSS"), status("VmHWM"),
                            span / ((now - last[0]) / 1e9));
                    last[0] = now;
                }
            }
        });
        System.out.printf(Locale.ROOT, "%8s %10s %10s %10s%n", "step", "VmRSS MB", "VmHWM MB", "it/s");
        net.fit(it, steps / STEPS_PER_EPOCH);
    }

    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String format(List<Double> v) {
        return Arrays.toString(v.stream().mapToLong(Math::round).toArray());
    }
}
