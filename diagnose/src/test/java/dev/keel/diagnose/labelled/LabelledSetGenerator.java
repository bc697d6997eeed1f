package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Regenerates the labelled set in {@code diagnose/src/test/resources/labelled/}: every trace, and
 * {@code manifest.csv} (file, label, family, split, origin). Deterministic: fixed seeds, no clock.
 *
 * <pre>
 * java -cp ... dev.keel.diagnose.labelled.LabelledSetGenerator [DATASETS_DIR] [OUT_DIR]
 * </pre>
 * DATASETS_DIR defaults to ../shared/datasets from the working directory, as laid out for keel's developers.
 */
public final class LabelledSetGenerator {
    record Entry(String file, Verdict label, String family, String origin, Trace trace, TraceFormats format) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Path datasets;

    LabelledSetGenerator(Path datasets) {
        this.datasets = datasets;
    }

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
        Path out = Path.of(args.length > 1 ? args[1] : "diagnose/src/test/resources/labelled");
        LabelledSetGenerator g = new LabelledSetGenerator(datasets);
        g.generate();
        g.write(out);
    }

    private void add(Verdict label, String family, String name, String origin, Trace trace, TraceFormats format) {
        String file = label.token() + "/" + family + "-" + name + "." + format.extension;
        entries.add(new Entry(file, label, family, origin, trace, format));
    }

    /** The traces that need no dataset: quadratics, cycles, heavy ball and the synthetic shapes. */
    List<Entry> generateWithoutDatasets() {
        quadratics();
        edgeOfStability();
        heavyBall();
        synthetic();
        return entries;
    }

    List<Entry> generate() throws IOException {
        quadratics();
        leastSquares();
        edgeOfStability();
        heavyBall();
        synthetic();
        networks();
        return entries;
    }

    private void quadratics() {
        double[] lambda = TheoryRuns.curvatures(10, 4.0, 200);
        double[][] stable = {{0.3, 1}, {0.9, 1e3}, {1.5, 1}, {1.9, 50}};
        for (double[] s : stable) {
            add(Verdict.STABLE, "quadratic-gd", "lr" + s[0] + "overL",
                    "GD on a quadratic (L=4, condition 200), step " + s[0] + "/L < 2/L converges; loss x" + s[1],
                    TheoryRuns.quadraticDescent(400, lambda, t -> s[0], 0, s[1], 11), TraceFormats.KEEL);
        }
        add(Verdict.STABLE, "quadratic-gd", "noisy-lr1.0overL",
                "GD on a quadratic at 1/L with 30% log-normal minibatch noise on the logged loss",
                TheoryRuns.quadraticDescent(600, lambda, t -> 1.0, 0.3, 1, 12), TraceFormats.KEEL);
        double[][] diverging = {{2.05, 1, 900}, {2.3, 1e3, 400}, {3.0, 1, 300}, {5.0, 1, 200}, {2.02, 1, 600},
            {2.1, 1e-3, 500}, {2.5, 7, 120}, {2.01, 1, 1500}};
        for (double[] d : diverging) {
            add(Verdict.DIVERGING, "quadratic-gd", "lr" + d[0] + "overL",
                    "GD on a quadratic (L=4), step " + d[0] + "/L > 2/L: the top mode grows by |1-" + d[0]
                            + "| a step; loss x" + d[1],
                    TheoryRuns.quadraticDescent((int) d[2], lambda, t -> d[0], 0, d[1], 13), TraceFormats.KEEL);
        }
        add(Verdict.DIVERGING, "quadratic-gd", "noisy-lr2.1overL",
                "GD on a quadratic at 2.1/L with 20% minibatch noise, logged with Python's nan/inf",
                TheoryRuns.quadraticDescent(1500, lambda, t -> 2.1, 0.2, 1, 14), TraceFormats.PYTHON);
        // Warm-up that overshoots the edge for a while, then decays below it: the loss rises, then recovers.
        add(Verdict.STABLE, "quadratic-gd", "overshoot-then-recover",
                "SGD on a quadratic (gradient noise 0.05) whose step crosses 2/L (2.03/L) for 40 steps, then 0.5/L",
                TheoryRuns.quadraticDescent(600, lambda, t -> t < 100 ? 1.0 : t < 140 ? 2.03 : 0.5, 0.1, 0.05, 1, 15),
                TraceFormats.KEEL);
        // The SGD noise floor of a mode is about eta*sigma^2/(2 - eta*lambda): raising the step (still below 2/L)
        // raises the floor, so the loss climbs slowly, and falls again when the step comes back down.
        add(Verdict.STABLE, "quadratic-gd", "slow-rise-then-recover",
                "SGD on a quadratic (gradient noise 0.1), step ramped 0.3/L -> 1.6/L -> 0.3/L: the noise floor rises"
                        + " and falls",
                TheoryRuns.quadraticDescent(900, lambda, t -> t < 200 ? 0.3 : t < 450 ? 0.3 + 1.3 * (t - 200) / 250.0
                        : t < 600 ? 1.6 - 1.3 * (t - 450) / 150.0 : 0.3, 0.15, 0.1, 30, 16),
                TraceFormats.KEEL);
    }

    private void leastSquares() throws IOException {
        Dataset raw = Dataset.load(datasets, "diabetes.csv", false);
        double[] stableEta = {0.5, 0.9};
        for (int i = 0; i < stableEta.length; i++) {
            double eta = stableEta[i];
            add(Verdict.STABLE, "least-squares", "diabetes-std-minibatch" + i,
                    "minibatch SGD on least squares, diabetes standardised, raw target (MSE in the thousands), step "
                            + eta + " of the edge 2/lambda_max",
                    TheoryRuns.leastSquares(raw.standardized(), 400, eta * 0.5, true, 20 + i), TraceFormats.KEEL);
        }
        double[] divergingEta = {1.05, 1.3, 2.0, 1.02, 1.5};
        for (int i = 0; i < divergingEta.length; i++) {
            double eta = divergingEta[i];
            add(Verdict.DIVERGING, "least-squares", "diabetes-raw-eta" + eta,
                    "full-batch GD on least squares, diabetes raw features, step " + eta
                            + " x 2/lambda_max (power iteration): diverges",
                    TheoryRuns.leastSquares(raw, 600, eta, false, 30 + i),
                    i == 1 ? TraceFormats.PYTHON : TraceFormats.KEEL);
        }
    }

    private void edgeOfStability() {
        double[][] cfg = {{0.3, 1.15, 0, 1}, {0.5, 1.3, 0.05, 1}, {0.4, 1.2, 0.1, 1e3}, {0.6, 1.4, 0, 0.01},
            {0.35, 1.25, 0.15, 1}, {0.55, 1.5, 0.05, 5}, {0.45, 1.1, 0.1, 1}, {0.5, 1.35, 0.2, 1}};
        for (int i = 0; i < cfg.length; i++) {
            double[] c = cfg[i];
            add(Verdict.OSCILLATING, "edge-of-stability", "cycle" + i,
                    "GD on log cosh(u)+" + c[0] + "u plus a quadratic, step " + c[1]
                            + " x the edge 2/(1-a^2): a bounded period-2 cycle; noise " + c[2] + ", loss x" + c[3],
                    TheoryRuns.edgeOfStabilityCycle(400, c[0], c[1], c[2], c[3], 40 + i),
                    i == 3 ? TraceFormats.TENSORBOARD : TraceFormats.KEEL);
        }
    }

    private void heavyBall() {
        double[][] cfg = {{0.97, 0.97, 0.05, 1}, {0.98, 0.97, 0.04, 1}, {0.99, 0.95, 0.05, 100}, {0.995, 0.9, 0.03, 1},
            {0.98, 0.9, 0.05, 1}, {0.99, 0.97, 0.03, 1e-2}, {0.97, 0.93, 0.06, 1}, {0.995, 0.95, 0.02, 1}};
        for (int i = 0; i < cfg.length; i++) {
            double[] c = cfg[i];
            Trace trace = TheoryRuns.heavyBall(500, c[0], c[1], c[2], c[3], 50 + i);
            // Bounded swings are the label; a run whose noise-driven swings rise far above the start is lost.
            if (maxLoss(trace) > 2 * trace.loss().get(0)) {
                System.err.println("skipped heavy-ball run " + i + ": swings rise above twice the start");
                continue;
            }
            add(Verdict.OSCILLATING, "heavy-ball", "beta" + c[0] + "-" + i,
                    "SGD with momentum " + c[0] + " on a noisy quadratic at " + c[1]
                            + " x the edge 2(1+beta)/L: under-damped, noise-driven swings; loss x" + c[3],
                    trace, TraceFormats.KEEL);
        }
    }

    private void synthetic() {
        double[][] falling = {{2.3, 0.05, 80, 0.35, 0.05}, {0.69, 0.1, 150, 0.5, 0.1}, {5000, 300, 200, 0.25, 0.02},
            {3.26, 0.4, 300, 0.4, 0.08}};
        for (int i = 0; i < falling.length; i++) {
            double[] f = falling[i];
            add(Verdict.STABLE, "noisy-falling", "curve" + i,
                    "exponential decay " + f[0] + " -> " + f[1] + " with log-normal minibatch noise sd " + f[3]
                            + " and hard batches up to 3x at rate " + f[4],
                    SyntheticRuns.noisyFalling(800, f[0], f[1], f[2], f[3], f[4], 60 + i), TraceFormats.KEEL);
        }
        int[][] spikes = {{40, 0}, {25, 1}, {60, 2}, {30, 3}};
        for (int[] s : spikes) {
            add(Verdict.OSCILLATING, "recurring-spikes", "period" + s[0],
                    "falling trend with spikes of 10-60x lasting 2-7 steps, recurring about every " + s[0] + " steps",
                    SyntheticRuns.recurringSpikes(600, 2.3, 0.05, s[0], 0.2, 70 + s[1]), TraceFormats.KEEL);
        }
        add(Verdict.VANISHING, "flat-at-chance", "ln26",
                "cross-entropy flat at ln 26 (26 classes, nothing learnt) with 3% noise, logged every 10 steps",
                SyntheticRuns.flatAtChance(300, 10, Math.log(26), 0.03, 80), TraceFormats.KEEL);
        add(Verdict.VANISHING, "flat-at-chance", "ln10-jsonl",
                "cross-entropy flat at ln 10 with 5% noise, JSON Lines",
                SyntheticRuns.flatAtChance(500, 1, Math.log(10), 0.05, 81), TraceFormats.JSONL);
        add(Verdict.VANISHING, "flat-at-chance", "mse-variance",
                "MSE flat at the target variance (predicting the mean), 5929 for diabetes, 8% noise",
                SyntheticRuns.flatAtChance(400, 1, 5929, 0.08, 82), TraceFormats.KEEL);
        add(Verdict.DIVERGING, "nan-from-start", "keel", "NaN from the first step (NaN in the inputs)",
                SyntheticRuns.nanFromStart(50, true), TraceFormats.KEEL);
        add(Verdict.DIVERGING, "nan-from-start", "python", "nan from the first step, Python spelling",
                SyntheticRuns.nanFromStart(20, false), TraceFormats.PYTHON);
    }

    private void networks() throws IOException {
        Dataset digits = Dataset.load(datasets, "digits.csv", true).standardized();
        Dataset iris = Dataset.load(datasets, "iris.csv", true).standardized();
        Dataset cancer = Dataset.load(datasets, "breast_cancer.csv", true).standardized();
        // Stable: sensible settings (He init, moderate steps).
        stableMlp(digits, "digits-sgd0.05", TinyMlp.Opt.SGD, 0.05, TinyMlp.Act.RELU, 1);
        stableMlp(digits, "digits-adam0.001", TinyMlp.Opt.ADAM, 0.001, TinyMlp.Act.RELU, 2);
        stableMlp(digits, "digits-momentum0.01-tanh", TinyMlp.Opt.MOMENTUM, 0.01, TinyMlp.Act.TANH, 3);
        stableMlp(cancer, "cancer-sgd0.05", TinyMlp.Opt.SGD, 0.05, TinyMlp.Act.RELU, 4);
        stableMlp(iris, "iris-adam0.01", TinyMlp.Opt.ADAM, 0.01, TinyMlp.Act.RELU, 5);
        // Logistic / softmax regression: no hidden layer, convex, step far below 2/L.
        MlpRun softmax = new MlpRun(digits);
        softmax.hidden = new int[0];
        softmax.lr = t -> 0.1;
        softmax.seed = 6;
        add(Verdict.STABLE, "regression-model", "softmax-digits",
                "softmax regression on digits (standardised), SGD 0.1, batch 32: convex, step well below 2/L",
                softmax.run(), TraceFormats.KEEL);
        MlpRun logistic = new MlpRun(cancer);
        logistic.hidden = new int[0];
        logistic.lr = t -> 0.05;
        logistic.epochs = 25;
        logistic.batch = 16;
        logistic.seed = 7;
        add(Verdict.STABLE, "regression-model", "logistic-cancer",
                "logistic (2-class softmax) regression on breast_cancer, SGD 0.05, batch 16", logistic.run(),
                TraceFormats.KEEL);
        // Keras CSVLogger: per-epoch means of a stable run.
        MlpRun keras = new MlpRun(iris);
        keras.lr = t -> 0.02;
        keras.batch = 8;
        keras.epochs = 60;
        keras.seed = 8;
        add(Verdict.STABLE, "keras-csvlogger", "iris-sgd", "Keras CSVLogger layout of an MLP on iris, SGD 0.02",
                keras.run(), TraceFormats.KERAS);
        MlpRun tb = new MlpRun(digits);
        tb.opt = TinyMlp.Opt.ADAM;
        tb.lr = t -> 0.003;
        tb.seed = 9;
        tb.perLayer = false;
        add(Verdict.STABLE, "tensorboard-export", "digits-adam", "TensorBoard scalar export of an Adam run on digits",
                tb.run(), TraceFormats.TENSORBOARD);
        // Tiny steps, healthy gradients everywhere: the loss never leaves chance. Stable ("a plateau") by the first
        // round's definitions; vanishing by issue 12's ("the run did not learn: it stalled at or near its chance
        // level"; a rate too small to move the weights is one of its causes).
        for (int i = 0; i < 2; i++) {
            MlpRun plateau = new MlpRun(i == 0 ? digits : cancer);
            plateau.hidden = new int[] {32, 32};
            plateau.lr = t -> 2e-5;
            plateau.seed = 10 + i;
            plateau.statsEvery = 5;
            add(Verdict.VANISHING, "plateau-healthy-gradients", i == 0 ? "digits" : "cancer",
                    "MLP with SGD 2e-5: loss flat at chance because the steps are tiny, gradients healthy in every layer"
                            + " (stable until 2026-12-02: relabelled by issue 12's definition of vanishing)",
                    plateau.run(), TraceFormats.KEEL);
        }
        // Warm restarts: the loss rises after each restart and recovers.
        MlpRun restart = new MlpRun(digits);
        restart.hidden = new int[] {64};
        restart.lr = t -> t % 150 < 20 ? 0.4 : 0.03;
        restart.seed = 12;
        restart.statsEvery = 5;
        add(Verdict.STABLE, "lr-bump-recover", "digits-warm-restarts",
                "MLP on digits with a step of 0.4 for 20 steps every 150 (warm restarts), 0.03 otherwise",
                restart.run(), TraceFormats.KEEL);

        vanishing(digits, iris, cancer);
        diverging(digits, iris, cancer);
        oscillating(digits, iris);
    }

    private void stableMlp(Dataset d, String name, TinyMlp.Opt opt, double lr, TinyMlp.Act act, long seed) {
        MlpRun r = new MlpRun(d);
        r.hidden = new int[] {64, 64};
        r.opt = opt;
        r.lr = t -> lr;
        r.act = act;
        r.seed = seed;
        r.statsEvery = 5;
        r.onSmallData(30);
        add(Verdict.STABLE, "mlp", name, "MLP 64-64 " + act.name().toLowerCase() + ", " + opt.name().toLowerCase()
                + " " + lr + ", default init, on " + d.name() + " (standardised)", r.run(), TraceFormats.KEEL);
    }

    private void vanishing(Dataset digits, Dataset iris, Dataset cancer) {
        Object[][] cfg = {
            {digits, TinyMlp.Act.SIGMOID, 6, 0.01, 0.1}, {digits, TinyMlp.Act.SIGMOID, 10, 0.05, 0.5},
            {iris, TinyMlp.Act.SIGMOID, 8, 0.02, 0.1}, {cancer, TinyMlp.Act.SIGMOID, 7, 0.01, 0.2},
            {digits, TinyMlp.Act.TANH, 8, 0.01, 0.05}, {cancer, TinyMlp.Act.TANH, 10, 0.02, 0.05},
            {iris, TinyMlp.Act.TANH, 12, 0.03, 0.1}, {digits, TinyMlp.Act.SIGMOID, 8, 0.1, 0.05},
            {cancer, TinyMlp.Act.SIGMOID, 5, 0.05, 0.3}, {digits, TinyMlp.Act.TANH, 6, 0.02, 0.2},
            {iris, TinyMlp.Act.SIGMOID, 6, 0.05, 0.5}, {digits, TinyMlp.Act.SIGMOID, 7, 0.03, 1.0},
            {cancer, TinyMlp.Act.TANH, 8, 0.01, 0.5}, {iris, TinyMlp.Act.TANH, 9, 0.02, 0.3},
            {digits, TinyMlp.Act.TANH, 12, 0.05, 0.1}, {cancer, TinyMlp.Act.SIGMOID, 9, 0.1, 0.1}};
        for (int i = 0; i < cfg.length; i++) {
            Dataset d = (Dataset) cfg[i][0];
            TinyMlp.Act act = (TinyMlp.Act) cfg[i][1];
            int depth = (Integer) cfg[i][2];
            double sd = (Double) cfg[i][3];
            double lr = (Double) cfg[i][4];
            MlpRun r = new MlpRun(d);
            r.hidden = new int[depth];
            java.util.Arrays.fill(r.hidden, 32);
            r.act = act;
            r.initSd = sd;
            r.lr = t -> lr;
            r.seed = 100 + i;
            r.statsEvery = 5;
            r.onSmallData(30);
            add(Verdict.VANISHING, "deep-small-init", d.name() + "-" + act.name().toLowerCase() + depth + "-sd" + sd,
                    depth + " " + act.name().toLowerCase() + " layers of 32 with N(0," + sd + "^2) weights on "
                            + d.name() + ", SGD " + lr + ": each layer scales the backward signal by about "
                            + "sd*sqrt(32)*max(act') < 1, so early layers get nothing",
                    r.run(), i == 2 ? TraceFormats.KERAS : TraceFormats.KEEL);
        }
    }

    private void diverging(Dataset digits, Dataset iris, Dataset cancer) {
        Object[][] cfg = {
            {digits, TinyMlp.Opt.SGD, 5.0}, {digits, TinyMlp.Opt.SGD, 3.0}, {digits, TinyMlp.Opt.ADAM, 0.3},
            {cancer, TinyMlp.Opt.SGD, 20.0}, {iris, TinyMlp.Opt.SGD, 30.0}, {digits, TinyMlp.Opt.MOMENTUM, 1.0},
            {digits, TinyMlp.Opt.MOMENTUM, 3.0}, {cancer, TinyMlp.Opt.ADAM, 0.5}, {iris, TinyMlp.Opt.ADAM, 1.0}};
        for (int i = 0; i < cfg.length; i++) {
            Dataset d = (Dataset) cfg[i][0];
            TinyMlp.Opt opt = (TinyMlp.Opt) cfg[i][1];
            double lr = (Double) cfg[i][2];
            MlpRun r = new MlpRun(d);
            r.hidden = new int[] {64, 64};
            r.opt = opt;
            r.lr = t -> lr;
            r.seed = 200 + i;
            r.statsEvery = 5;
            r.onSmallData(20);
            Trace trace = r.run();
            // The label rests on what happened inside the model, not on the classifier: the weights ran away
            // (total norm up 100x or non-finite) or the loss entered DL4J's clipping regime (a batch mean above
            // 10 means confidently wrong on at least 40% of the examples), and the model it ended with is lost:
            // its validation loss is not even half that of the untrained model. Runs that fail this are ambiguous.
            double growth = maxParamGrowth(trace);
            double maxLoss = maxLoss(trace);
            Trace.Column val = trace.column(Trace.VAL_LOSS).orElseThrow();
            double firstVal = Double.NaN;
            double lastVal = Double.NaN;
            for (int row = 0; row < trace.size(); row++) {
                if (val.has(row)) {
                    lastVal = val.get(row);
                    firstVal = Double.isNaN(firstVal) ? lastVal : firstVal;
                }
            }
            boolean lost = !(lastVal < 0.5 * firstVal);
            if (!(growth >= 100 || maxLoss > 10) || !lost) {
                System.err.println("skipped ambiguous blow-up run " + d.name() + " " + opt + " " + lr);
                continue;
            }
            add(Verdict.DIVERGING, "mlp-blow-up", d.name() + "-" + opt.name().toLowerCase() + lr,
                    "ReLU MLP on " + d.name() + ", " + opt.name().toLowerCase() + " " + lr
                            + ": the weights blow up (norm x" + String.format(java.util.Locale.ROOT, "%.3g", growth)
                            + ", loss up to " + String.format(java.util.Locale.ROOT, "%.3g", maxLoss)
                            + "), the ReLUs die and the capped cross-entropy goes flat (dead)",
                    trace, i == 4 ? TraceFormats.JSONL : i == 0 ? TraceFormats.KERAS : TraceFormats.KEEL);
        }
    }

    static double maxParamGrowth(Trace t) {
        double first = Double.NaN;
        double max = 1;
        for (int r = 0; r < t.size(); r++) {
            double sum = 0;
            boolean all = true;
            for (String layer : t.layers()) {
                Trace.Column c = t.layerColumn(Trace.PARAM_NORM, layer).orElseThrow();
                if (!c.has(r)) {
                    all = false;
                    break;
                }
                sum += c.get(r) * c.get(r);
            }
            if (!all) {
                continue;
            }
            double total = Math.sqrt(sum);
            if (!Double.isFinite(total)) {
                return Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(first)) {
                first = total;
            }
            max = Math.max(max, total / first);
        }
        return max;
    }

    static double maxLoss(Trace t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < t.size(); r++) {
            max = Math.max(max, t.loss().get(r));
        }
        return max;
    }

    /**
     * Adam or SGD at a step too large to settle but not large enough to kill the network. The label rests on the
     * model, not the classifier: validation loss (full validation set, once an epoch) jumps up by half or more
     * from one epoch to the next at least twice, and the run is not lost (final validation loss below the
     * untrained model's; cross-entropy on overconfident mistakes keeps it high even when most answers are right).
     */
    private void oscillating(Dataset digits, Dataset iris) {
        Object[][] cfg = {
            {digits, TinyMlp.Opt.ADAM, 0.05, 1L}, {digits, TinyMlp.Opt.ADAM, 0.05, 2L}, {digits, TinyMlp.Opt.ADAM, 0.08, 3L},
            {digits, TinyMlp.Opt.ADAM, 0.03, 4L}, {iris, TinyMlp.Opt.ADAM, 0.2, 5L}, {iris, TinyMlp.Opt.SGD, 3.0, 6L},
            {digits, TinyMlp.Opt.SGD, 0.8, 7L}, {digits, TinyMlp.Opt.MOMENTUM, 0.2, 8L}, {iris, TinyMlp.Opt.ADAM, 0.3, 9L},
            {digits, TinyMlp.Opt.ADAM, 0.06, 10L}};
        for (Object[] c : cfg) {
            Dataset d = (Dataset) c[0];
            TinyMlp.Opt opt = (TinyMlp.Opt) c[1];
            double lr = (Double) c[2];
            MlpRun r = new MlpRun(d);
            r.hidden = new int[] {64, 64};
            r.opt = opt;
            r.lr = t -> lr;
            r.seed = 300 + (Long) c[3];
            r.statsEvery = 5;
            r.onSmallData(30);
            Trace trace = r.run();
            List<Double> val = new ArrayList<>();
            Trace.Column v = trace.column(Trace.VAL_LOSS).orElseThrow();
            for (int row = 0; row < trace.size(); row++) {
                if (v.has(row)) {
                    val.add(v.get(row));
                }
            }
            int jumps = 0;
            for (int i = 1; i < val.size(); i++) {
                if (val.get(i) >= 1.5 * val.get(i - 1)) {
                    jumps++;
                }
            }
            boolean lost = !(val.get(val.size() - 1) < val.get(0));
            if (jumps < 2 || lost) {
                System.err.println("skipped oscillating candidate " + d.name() + " " + opt + " " + lr + " seed " + c[3]
                        + ": " + jumps + " validation jumps, lost=" + lost);
                continue;
            }
            add(Verdict.OSCILLATING, "mlp-too-large-step", d.name() + "-" + opt.name().toLowerCase() + lr + "-s" + c[3],
                    "ReLU MLP on " + d.name() + ", " + opt.name().toLowerCase() + " " + lr + ": validation loss jumped"
                            + " by half or more " + jumps + " times between epochs, and the run still learnt",
                    trace, TraceFormats.KEEL);
        }
    }

    void write(Path out) throws IOException {
        Map<Verdict, List<Entry>> byLabel = new TreeMap<>();
        for (Entry e : entries) {
            byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        }
        StringBuilder manifest = new StringBuilder("file,label,family,split,origin\n");
        for (List<Entry> group : byLabel.values()) {
            group.sort(Comparator.comparing(Entry::family).thenComparing(Entry::file));
            for (int i = 0; i < group.size(); i++) {
                Entry e = group.get(i);
                Path file = out.resolve(e.file());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.format().write(e.trace()));
                String split = i % 2 == 0 ? "calibration" : "held-out";
                manifest.append(e.file()).append(',').append(e.label().token()).append(',').append(e.family())
                        .append(',').append(split).append(",\"").append(e.origin().replace("\"", "'")).append("\"\n");
            }
        }
        Files.writeString(out.resolve("manifest.csv"), manifest.toString());
    }
}
