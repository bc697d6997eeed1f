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
 * that map is what samplers produce and what {@code trials.jsonl} records under {@code params}. To change some
 * knobs, {@link #with(String, Object)} or {@link #toBuilder()}: only the values changed are parsed.
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
        for (String knob : KNOBS) {
            p.put(knob, param(knob));
        }
        return p;
    }

    /** One knob's YAML value, as {@link #toParams()} and {@code trials.jsonl} write it; the key must be in {@link #KNOBS}. */
    public Object param(String knob) {
        return switch (knob) {
            case "activation" -> activation.token();
            case "weight_init" -> weightInit.token();
            case "optimizer" -> optimizer.token();
            case "learning_rate" -> learningRate;
            case "lr_schedule" -> lrSchedule.token();
            case "batch_size" -> batchSize;
            case "l1" -> l1;
            case "l2" -> l2;
            case "weight_decay" -> weightDecay;
            case "dropout" -> dropout;
            case "gradient_clipping" -> gradientClipping.toYaml();
            case "batch_norm" -> batchNorm;
            case "residual" -> residual;
            case "depth" -> depth;
            case "width" -> width;
            case "preprocess" -> preprocess.token();
            case "augment" -> augment.toYaml();
            case "epochs" -> epochs;
            case "early_stopping" -> earlyStopping.toYaml();
            default -> throw unknown(knob);
        };
    }

    /**
     * This config with the given knobs replaced; keys must be in {@link #KNOBS}. Only the knobs given are parsed,
     * in {@link #KNOBS} order; the rest keep their values.
     */
    public TrialConfig with(Map<String, ?> params) {
        for (String key : params.keySet()) {
            if (!KNOBS.contains(key)) {
                throw unknown(key);
            }
        }
        Builder b = toBuilder();
        for (String knob : KNOBS) {
            if (params.containsKey(knob)) {
                b.set(knob, params.get(knob));
            }
        }
        return b.build();
    }

    /** This config with one knob replaced, its value given as YAML writes it; the key must be in {@link #KNOBS}. */
    public TrialConfig with(String knob, Object value) {
        return toBuilder().set(knob, value).build();
    }

    public TrialConfig withTraining(ModelType model, int traceEvery, double maxSeconds) {
        return toBuilder().model(model).traceEvery(traceEvery).maxSeconds(maxSeconds).build();
    }

    /** Resolves a params map (missing knobs take defaults); errors name the key and what was expected. */
    public static TrialConfig fromParams(Map<String, ?> params) {
        return defaults().with(params);
    }

    private static IllegalArgumentException unknown(String key) {
        return new IllegalArgumentException("unknown parameter '" + key + "': expected one of " + String.join(", ", KNOBS));
    }

    /** A builder holding this config's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A config's values, changed one at a time: a knob by its YAML key and value ({@code set("learning_rate",
     * "0.01")}), the training settings by name; {@link #build()} checks them all, as the record's constructor does.
     */
    public static final class Builder {
        private Activation activation;
        private WeightInit weightInit;
        private Optimizer optimizer;
        private double learningRate;
        private LearningRateSchedule lrSchedule;
        private int batchSize;
        private double l1;
        private double l2;
        private double weightDecay;
        private double dropout;
        private GradientClipping gradientClipping;
        private boolean batchNorm;
        private boolean residual;
        private int depth;
        private int width;
        private Preprocessing preprocess;
        private Augmentation augment;
        private int epochs;
        private EarlyStopping earlyStopping;
        private ModelType model;
        private int traceEvery;
        private double maxSeconds;

        private Builder(TrialConfig c) {
            activation = c.activation;
            weightInit = c.weightInit;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            lrSchedule = c.lrSchedule;
            batchSize = c.batchSize;
            l1 = c.l1;
            l2 = c.l2;
            weightDecay = c.weightDecay;
            dropout = c.dropout;
            gradientClipping = c.gradientClipping;
            batchNorm = c.batchNorm;
            residual = c.residual;
            depth = c.depth;
            width = c.width;
            preprocess = c.preprocess;
            augment = c.augment;
            epochs = c.epochs;
            earlyStopping = c.earlyStopping;
            model = c.model;
            traceEvery = c.traceEvery;
            maxSeconds = c.maxSeconds;
        }

        /**
         * One knob from its YAML value (a token, a number, a string of one, a map); errors name the key and what
         * was expected. The key must be in {@link #KNOBS}.
         */
        public Builder set(String knob, Object v) {
            switch (knob) {
                case "activation" -> activation = knob(knob, v, x -> Activation.fromToken(str(x)));
                case "weight_init" -> weightInit = knob(knob, v, x -> WeightInit.fromToken(str(x)));
                case "optimizer" -> optimizer = knob(knob, v, x -> Optimizer.fromToken(str(x)));
                case "learning_rate" -> learningRate = knob(knob, v, TrialConfig::number);
                case "lr_schedule" -> lrSchedule = knob(knob, v, x -> LearningRateSchedule.fromToken(str(x)));
                case "batch_size" -> batchSize = knob(knob, v, TrialConfig::integer);
                case "l1" -> l1 = knob(knob, v, TrialConfig::number);
                case "l2" -> l2 = knob(knob, v, TrialConfig::number);
                case "weight_decay" -> weightDecay = knob(knob, v, TrialConfig::number);
                case "dropout" -> dropout = knob(knob, v, TrialConfig::number);
                case "gradient_clipping" -> gradientClipping = knob(knob, v, GradientClipping::parse);
                case "batch_norm" -> batchNorm = knob(knob, v, TrialConfig::bool);
                case "residual" -> residual = knob(knob, v, TrialConfig::bool);
                case "depth" -> depth = knob(knob, v, TrialConfig::integer);
                case "width" -> width = knob(knob, v, TrialConfig::integer);
                case "preprocess" -> preprocess = knob(knob, v, x -> Preprocessing.fromToken(str(x)));
                case "augment" -> augment = knob(knob, v, Augmentation::parse);
                case "epochs" -> epochs = knob(knob, v, TrialConfig::integer);
                case "early_stopping" -> earlyStopping = knob(knob, v, EarlyStopping::parse);
                default -> throw unknown(knob);
            }
            return this;
        }

        public Builder model(ModelType v) {
            model = v;
            return this;
        }

        public Builder traceEvery(int v) {
            traceEvery = v;
            return this;
        }

        public Builder maxSeconds(double v) {
            maxSeconds = v;
            return this;
        }

        public TrialConfig build() {
            return new TrialConfig(activation, weightInit, optimizer, learningRate, lrSchedule, batchSize, l1, l2,
                    weightDecay, dropout, gradientClipping, batchNorm, residual, depth, width, preprocess, augment,
                    epochs, earlyStopping, model, traceEvery, maxSeconds);
        }
    }

    private interface Parse<T> {
        T apply(Object v);
    }

    private static <T> T knob(String key, Object v, Parse<T> parse) {
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
