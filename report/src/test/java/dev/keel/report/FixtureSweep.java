package dev.keel.report;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a realistic result store for report tests: a random sweep of optimiser × learning rate ×
 * activation × batch size × gradient clipping on a 10-class problem, with every verdict, pruned and failed
 * trials, and traces with per-layer columns. The same arguments give the same bytes.
 *
 * <p>Ground truth the tests rely on: a trial is stable when its learning rate is at most its optimiser's
 * {@link #LIMITS limit} (sigmoid below 0.01 vanishes instead), oscillates up to 3× the limit and diverges
 * above; diverging trials above 10× the limit are pruned. Trial 2 fails with a script tag as its error,
 * trial 5 fails with an out-of-memory error and has no trace.
 */
public final class FixtureSweep {
    public static final Map<String, Double> LIMITS = Map.of("sgd", 0.3, "momentum", 0.05, "adam", 0.01,
            "rmsprop", 0.003);
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam", "rmsprop");
    public static final String HOSTILE_ERROR = "<script>alert(1)</script>";
    /** A layer name an HTML page must show as text; it ends up in chart legends and finding texts. */
    public static final String HOSTILE_LAYER = "<img src=x onerror=alert(2)>";
    public static final String SPACE_NAME = "lr & optimiser <study>";
    static final int STEPS_PER_EPOCH = 30;
    static final double CHANCE_LOSS = Math.log(10);

    /** Startup trials of a fixture written as a bayes sweep. */
    public static final int STARTUP = 10;

    private final int trials;
    private final int epochs;
    private final long seed;
    private final boolean bayes;

    public FixtureSweep(int trials, int epochs, long seed) {
        this(trials, epochs, seed, false);
    }

    /** With {@code bayes}, the space says method bayes and trials record chosen_by: startup, then model. */
    public FixtureSweep(int trials, int epochs, long seed, boolean bayes) {
        this.trials = trials;
        this.epochs = epochs;
        this.seed = seed;
        this.bayes = bayes;
    }

    public static Path write40(Path dir) throws IOException {
        return new FixtureSweep(40, 20, 7).write(dir);
    }

    public Path write(Path dir) throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        Random rnd = new Random(seed);
        for (int i = 0; i < trials; i++) {
            String id = String.format(Locale.ROOT, "t%04d", i);
            Map<String, Object> params = params(i, rnd);
            Outcome o = outcome(i, params);
            Trace trace = o.status == TrialStatus.FAILED && i == 5 ? null : trace(o, params, new Random(seed * 31 + i));
            store.append(record(id, params, o, i, trace), trace);
        }
        return dir;
    }

    private SweepManifest manifest() {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("name", SPACE_NAME);
        space.put("description", "<b>where</b> each optimiser stops being stable");
        space.put("method", bayes ? "bayes" : "random");
        space.put("trials", trials);
        space.put("repeats", 1);
        space.put("seed", seed);
        space.put("metric", Map.of("name", "val_accuracy", "goal", "maximize"));
        space.put("data", Map.of("source", "builtin:digits"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("optimizer", Map.of("values", OPTIMIZERS));
        parameters.put("learning_rate", Map.of("distribution", "log_uniform_values", "min", 0.0001, "max", 0.5));
        parameters.put("activation", Map.of("values", List.of("relu", "tanh", "sigmoid")));
        parameters.put("batch_size", Map.of("values", List.of(32, 128)));
        parameters.put("gradient_clipping", Map.of("values", List.of("none", 1.0)));
        parameters.put("epochs", Map.of("value", epochs));
        space.put("parameters", parameters);
        DataSummary data = new DataSummary("builtin:digits", "target", "classification", 1797, 64,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 1257, 270, 270, "sha256:fixture",
                List.of());
        return new SweepManifest(SPACE_NAME, "<b>where</b> each optimiser stops being stable", space, seed, trials,
                "0.1.0-SNAPSHOT", "1.0.0-M2.1", "2025-01-01T00:00:00Z", data);
    }

    private Map<String, Object> params(int i, Random rnd) {
        Map<String, Object> p = TrialConfig.defaults().toParams();
        p.put("epochs", epochs);
        // The first trials pin down one of each outcome, so every verdict occurs however few trials.
        String optimizer = OPTIMIZERS.get(i < 4 ? i : rnd.nextInt(OPTIMIZERS.size()));
        double lr = switch (i) {
            case 0 -> 0.05;      // sgd, stable
            case 1 -> 0.12;      // momentum: oscillating
            case 2 -> 0.002;     // adam (fails)
            case 3 -> 0.5;       // rmsprop: diverging, pruned
            case 4 -> 0.001;     // sigmoid: vanishing (below)
            default -> Math.pow(10, -4 + rnd.nextDouble() * 4.5);
        };
        p.put("optimizer", optimizer);
        p.put("learning_rate", lr);
        String activation = i == 4 ? "sigmoid" : i < 4 ? "relu" : List.of("relu", "tanh", "sigmoid").get(rnd.nextInt(3));
        p.put("activation", activation);
        p.put("batch_size", List.of(32, 128).get(rnd.nextInt(2)));
        p.put("gradient_clipping", rnd.nextBoolean() ? "none" : 1.0);
        return p;
    }

    private record Outcome(TrialStatus status, Verdict verdict, long detected) {
    }

    private Outcome outcome(int i, Map<String, Object> p) {
        if (i == 2 || i == 5) {
            return new Outcome(TrialStatus.FAILED, null, -1);
        }
        double lr = (Double) p.get("learning_rate");
        double limit = LIMITS.get((String) p.get("optimizer"));
        long total = (long) epochs * STEPS_PER_EPOCH;
        if (lr > 3 * limit) {
            boolean pruned = lr > 10 * limit;
            return new Outcome(pruned ? TrialStatus.PRUNED : TrialStatus.COMPLETED, Verdict.DIVERGING,
                    Math.max(5, total / 6));
        }
        if (lr > limit) {
            return new Outcome(TrialStatus.COMPLETED, Verdict.OSCILLATING, total / 4);
        }
        if (p.get("activation").equals("sigmoid") && lr < 0.01) {
            return new Outcome(TrialStatus.COMPLETED, Verdict.VANISHING, total / 3);
        }
        return new Outcome(TrialStatus.COMPLETED, Verdict.STABLE, -1);
    }

    private static List<String> layers() {
        return List.of("dense_0", HOSTILE_LAYER, "output");
    }

    private Trace trace(Outcome o, Map<String, Object> p, Random rnd) {
        List<String> columns = new ArrayList<>(List.of("epoch", "loss", "lr", "val_loss", "val_metric"));
        for (String kind : List.of("grad_norm", "update_ratio", "param_norm", "dead_fraction")) {
            for (String layer : layers()) {
                columns.add(kind + "/" + layer);
            }
        }
        Trace.Builder b = Trace.builder(columns);
        b.metadata("optimizer", (String) p.get("optimizer"));
        double lr = (Double) p.get("learning_rate");
        long total = (long) epochs * STEPS_PER_EPOCH;
        long end = o.status == TrialStatus.PRUNED ? o.detected + 40 : o.status == TrialStatus.FAILED ? 60 : total;
        // A trial that failed mid-training leaves the start of an ordinary run.
        Verdict shape = o.verdict == null ? Verdict.STABLE : o.verdict;
        double tau = 40 + 400 * rnd.nextDouble();
        double floor = 0.05 + 0.3 * rnd.nextDouble();
        for (long s = 0; s < end; s++) {
            double loss = switch (shape) {
                case STABLE -> floor + (CHANCE_LOSS - floor) * Math.exp(-s / tau);
                case OSCILLATING -> 0.7 + 1.4 * Math.exp(-s / tau) + 0.8 * Math.abs(Math.sin(s * 0.7))
                        + (s % 23 == 0 && s > o.detected ? 6 : 0);
                case DIVERGING -> s < o.detected ? floor + (CHANCE_LOSS - floor) * Math.exp(-s / tau)
                        : s > o.detected + 30 ? Double.NaN : 0.5 * Math.exp((s - o.detected) * 0.6);
                case VANISHING -> CHANCE_LOSS;
            };
            if (Double.isFinite(loss)) {
                loss *= 1 + 0.08 * rnd.nextGaussian();
            }
            b.addRow(s);
            b.set("epoch", (double) (s / STEPS_PER_EPOCH));
            b.set("loss", loss);
            b.set("lr", lr);
            if ((s + 1) % STEPS_PER_EPOCH == 0) {
                b.set("val_loss", Double.isFinite(loss) ? loss * 1.1 : Double.POSITIVE_INFINITY);
                b.set("val_metric", Double.isFinite(loss) ? Math.max(0.1, 1 - loss / 3) : 0.1);
            }
            if (s % 10 == 0) {
                for (int l = 0; l < layers().size(); l++) {
                    String layer = layers().get(l);
                    double g = shape == Verdict.VANISHING ? Math.pow(10, -7 + 2.5 * l)
                            : shape == Verdict.DIVERGING && s >= o.detected ? Math.exp((s - o.detected) * 0.6)
                            : (0.4 + 0.3 * l) * Math.exp(-s / (3 * tau));
                    b.set("grad_norm/" + layer, g * (1 + 0.1 * rnd.nextGaussian()));
                    b.set("update_ratio/" + layer, lr * g / 10);
                    b.set("param_norm/" + layer, 5 + l);
                    b.set("dead_fraction/" + layer, 0.02);
                }
            }
        }
        return b.build();
    }

    private TrialRecord record(String id, Map<String, Object> p, Outcome o, int i, Trace trace) {
        long steps = trace == null ? 0 : trace.size();
        int ep = (int) Math.min(epochs, steps / STEPS_PER_EPOCH);
        double seconds = 1 + steps / 150.0;
        if (o.status == TrialStatus.FAILED) {
            String error = i == 2 ? HOSTILE_ERROR : "java.lang.OutOfMemoryError: Java heap space (width 4096)";
            return new TrialRecord(id, p, 1000 + i, TrialStatus.FAILED, null, null, null, List.of(), Map.of(),
                    ep, steps, seconds, error, chosenBy(i));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        double confidence;
        Long detected = o.detected < 0 ? null : o.detected;
        double lastLoss = trace.loss().get(trace.size() - 1);
        switch (o.verdict) {
            case STABLE -> {
                confidence = 0.9;
                findings.add(new Finding(Rule.PLATEAU, null, null, lastLoss, Double.NaN,
                        "The loss fell from " + String.format(Locale.ROOT, "%.2f", CHANCE_LOSS) + " and settled."));
            }
            case OSCILLATING -> {
                confidence = 0.75;
                findings.add(new Finding(Rule.LARGE_SWINGS, null, o.detected, 0.62, 0.3,
                        "Successive loss changes are anti-correlated: the loss swings instead of settling."));
            }
            case DIVERGING -> {
                confidence = 0.97;
                findings.add(new Finding(Rule.NON_FINITE_LOSS, null, o.detected + 31, Double.NaN, Double.NaN,
                        "The loss became NaN."));
                findings.add(new Finding(Rule.EXPLODING_GRADIENTS, HOSTILE_LAYER, o.detected, 1e4, 100,
                        "Gradient norm grew by four orders of magnitude."));
            }
            default -> {
                confidence = 0.8;
                findings.add(new Finding(Rule.VANISHING_GRADIENT, "dense_0", o.detected, 1.2e-7, 1e-5,
                        "The first layer's gradient norm is 100000x below the last layer's."));
            }
        }
        boolean finite = o.verdict != Verdict.DIVERGING;
        double valLoss = finite ? lastLoss * 1.1 : Double.NaN;
        metrics.put("val_loss", finite ? valLoss : null);
        metrics.put("val_accuracy", finite ? Math.max(0.1, 1 - valLoss / 3) : 0.1);
        metrics.put("test_accuracy", finite ? Math.max(0.1, 1 - valLoss / 3) - 0.01 : 0.1);
        return new TrialRecord(id, p, 1000 + i, o.status, o.verdict, confidence, detected, findings, metrics, ep,
                steps, seconds, null, chosenBy(i));
    }

    private ChosenBy chosenBy(int i) {
        return !bayes ? null : i < STARTUP ? ChosenBy.STARTUP : ChosenBy.MODEL;
    }
}
