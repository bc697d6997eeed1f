package dev.keel.sweep.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One fully resolved configuration: every knob of docs/DESIGN.md's table, plus the model family and the
 * training settings a trial needs. Nothing is null. The seed is not part of it: the same config runs
 * with several seeds when a space has {@code repeats > 1}.
 *
 * <p>Knobs travel as a map from YAML key to YAML value ({@link #toParams()}, {@link #fromParams(Map)}):
 * that map is what samplers produce and what {@code trials.jsonl} records under {@code params}.
 */
public record TrialConfig(
        Activation activation,
        WeightInit weightInit,
        Optimizer optimizer,
        double learningRate,
        LearningRateSchedule lrSchedule,
        int batchSize,
        double l1,
        double l2,
        double weightDecay,
        double dropout,
        GradientClipping gradientClipping,
        boolean batchNorm,
        boolean residual,
        int depth,
        int width,
        Preprocessing preprocess,
        Augmentation augment,
        int epochs,
        EarlyStopping earlyStopping,
        ModelType model,
        int traceEvery,
        double maxSeconds) {

    /** The knob keys, in the order of docs/DESIGN.md's table. */
    public static final List<String> KNOBS = List.of(
            "activation", "weight_init", "optimizer", "learning_rate", "lr_schedule", "batch_size",
            "l1", "l2", "weight_decay", "dropout", "gradient_clipping", "batch_norm", "residual",
            "depth", "width", "preprocess", "augment", "epochs", "early_stopping");

    /** Per-layer statistics every this many steps unless the space says otherwise (see docs/PERFORMANCE.md). */
    public static final int DEFAULT_TRACE_EVERY = 10;
    /** No wall-clock budget per trial unless the space sets {@code training.max_seconds}. */
    public static final double NO_TIME_LIMIT = Double.POSITIVE_INFINITY;
    /**
     * The deepest network keel builds: 1,000 hidden layers were measured to build and train (LocalExecutor); at
     * 100,000 DL4J spends minutes building the configuration before the first step, where no time limit can stop it.
     */
    public static final int MAX_DEPTH = 1000;

    public TrialConfig {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weightInit, "weight_init");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(lrSchedule, "lr_schedule");
        Objects.requireNonNull(gradientClipping, "gradient_clipping");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(earlyStopping, "early_stopping");
        Objects.requireNonNull(model, "model");
        positive("learning_rate", learningRate);
        atLeast("batch_size", batchSize, 1);
        nonNegative("l1", l1);
        nonNegative("l2", l2);
        nonNegative("weight_decay", weightDecay);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be a probability in [0, 1), was " + dropout);
        }
        atLeast("depth", depth, 1);
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be an integer <= " + MAX_DEPTH + " (keel's limit), was "
                    + depth);
        }
        atLeast("width", width, 1);
        atLeast("epochs", epochs, 1);
        atLeast("training.trace_every", traceEvery, 1);
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("training.max_seconds must be > 0, was " + maxSeconds);
        }
    }

    /** Every knob at its docs/DESIGN.md default. */
    public static TrialConfig defaults() {
        return new TrialConfig(Activation.RELU, WeightInit.HE, Optimizer.ADAM, 0.001,
                LearningRateSchedule.CONSTANT, 32, 0, 0, 0, 0, GradientClipping.NONE, false, false, 2, 64,
                Preprocessing.STANDARDIZE, Augmentation.NONE, 20, EarlyStopping.DEFAULT, ModelType.MLP,
                DEFAULT_TRACE_EVERY, NO_TIME_LIMIT);
    }

    /** The weight decay AdamW applies: {@code weight_decay} if set, else docs/DESIGN.md's 0.01. */
    public double effectiveWeightDecay() {
        if (optimizer == Optimizer.ADAMW && weightDecay == 0) {
            return 0.01;
        }
        return weightDecay;
    }

    /** The knobs as YAML key → YAML value, in {@link #KNOBS} order. */
    public Map<String, Object> toParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("activation", activation.token());
        p.put("weight_init", weightInit.token());
        p.put("optimizer", optimizer.token());
        p.put("learning_rate", learningRate);
        p.put("lr_schedule", lrSchedule.token());
        p.put("batch_size", batchSize);
        p.put("l1", l1);
        p.put("l2", l2);
        p.put("weight_decay", weightDecay);
        p.put("dropout", dropout);
        p.put("gradient_clipping", gradientClipping.toYaml());
        p.put("batch_norm", batchNorm);
        p.put("residual", residual);
        p.put("depth", depth);
        p.put("width", width);
        p.put("preprocess", preprocess.token());
        p.put("augment", augment.toYaml());
        p.put("epochs", epochs);
        p.put("early_stopping", earlyStopping.toYaml());
        return p;
    }

    /** This config with the given knobs replaced; keys must be in {@link #KNOBS}. */
    public TrialConfig with(Map<String, ?> params) {
        Map<String, Object> p = toParams();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (!KNOBS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "': expected one of "
                        + String.join(", ", KNOBS));
            }
            p.put(e.getKey(), e.getValue());
        }
        return fromParams(p, model, traceEvery, maxSeconds);
    }

    public TrialConfig withTraining(ModelType model, int traceEvery, double maxSeconds) {
        return fromParams(toParams(), model, traceEvery, maxSeconds);
    }

    /** Resolves a params map (missing knobs take defaults); errors name the key and what was expected. */
    public static TrialConfig fromParams(Map<String, ?> params) {
        return defaults().with(params);
    }

    private static TrialConfig fromParams(Map<String, Object> p, ModelType model, int traceEvery, double maxSeconds) {
        return new TrialConfig(
                knob(p, "activation", v -> Activation.fromToken(str(v))),
                knob(p, "weight_init", v -> WeightInit.fromToken(str(v))),
                knob(p, "optimizer", v -> Optimizer.fromToken(str(v))),
                knob(p, "learning_rate", TrialConfig::number),
                knob(p, "lr_schedule", v -> LearningRateSchedule.fromToken(str(v))),
                knob(p, "batch_size", TrialConfig::integer),
                knob(p, "l1", TrialConfig::number),
                knob(p, "l2", TrialConfig::number),
                knob(p, "weight_decay", TrialConfig::number),
                knob(p, "dropout", TrialConfig::number),
                knob(p, "gradient_clipping", GradientClipping::parse),
                knob(p, "batch_norm", TrialConfig::bool),
                knob(p, "residual", TrialConfig::bool),
                knob(p, "depth", TrialConfig::integer),
                knob(p, "width", TrialConfig::integer),
                knob(p, "preprocess", v -> Preprocessing.fromToken(str(v))),
                knob(p, "augment", Augmentation::parse),
                knob(p, "epochs", TrialConfig::integer),
                knob(p, "early_stopping", EarlyStopping::parse),
                model, traceEvery, maxSeconds);
    }

    private interface Parse<T> {
        T apply(Object v);
    }

    private static <T> T knob(Map<String, Object> p, String key, Parse<T> parse) {
        Object v = p.get(key);
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid value" : e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(key) ? msg : key + ": " + msg, e);
        }
    }

    private static String str(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("missing value");
        }
        return String.valueOf(v);
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(str(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    private static int integer(Object v) {
        double d = number(v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + v + "' is not an integer");
        }
        return (int) d;
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = str(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("'" + v + "' is not true or false");
    }

    private static void positive(String key, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + " must be a number > 0, was " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(key + " must be a number >= 0, was " + v);
        }
    }

    private static void atLeast(String key, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(key + " must be an integer >= " + min + ", was " + v);
        }
    }
}
