package dev.keel.diagnose.trace;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * keel's name for a column or a printed key, as the frameworks spell it: keel's own, Keras {@code CSVLogger}'s,
 * the usual PyTorch spellings ({@code train_loss}, {@code iteration}), PyTorch Lightning's ({@code train_loss_step},
 * {@code lr-Adam}), Hugging Face's ({@code eval_loss}, {@code grad_norm}), fastai's ({@code valid_loss}) and Weights
 * &amp; Biases exports ({@code _step}, {@code train/loss}, {@code <run> - eval/loss}). Every reader asks here, so a
 * spelling added once is read in CSV, JSON and printed logs alike.
 */
final class ColumnNames {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_/.\\-]*");
    private static final Pattern WORD_BREAKS = Pattern.compile("[\\s_/.\\-]+");
    private static final Pattern CAMEL_BREAK = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Set<String> VALIDATION_WORDS = Set.of("val", "valid", "validation", "eval", "evaluation", "dev");
    private static final Set<String> NOT_A_LOSS_PART =
            Set.of("scale", "scaler", "weight", "weights", "coef", "coeff", "ratio", "lambda", "lr", "mask");

    private ColumnNames() {
    }

    /** keel's name for a column, or {@code null} when it is not one keel reads. */
    static String canonical(String raw) {
        String known = canonicalAsSpelled(raw);
        if (known == null) {
            // Names written in camel case by hand-written loops (TrainLoss, ValLoss, valAcc) are the snake-case
            // names split at each lower-to-upper turn; tried only when the name as spelled means nothing.
            String name = withoutRunName(raw);
            String snake = snakeCase(name);
            known = snake.equals(name) ? null : canonicalAsSpelled(snake);
        }
        return known;
    }

    /** {@code TrainLoss} as {@code Train_Loss}: an underscore wherever a lower-case letter or digit meets a capital. */
    private static String snakeCase(String name) {
        return CAMEL_BREAK.matcher(name).replaceAll("$1_$2");
    }

    private static String canonicalAsSpelled(String raw) {
        String name = withoutRunName(raw);
        // Hugging Face's notebook table and printed logs spell keys in words: "Training Loss" is training_loss.
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.indexOf(' ') >= 0 || lower.indexOf('\t') >= 0) {
            lower = SPACES.matcher(lower).replaceAll("_");
        }
        String known = exact(lower);
        if (known != null) {
            return known;
        }
        int slash = name.indexOf('/');
        if (slash > 0 && slash < name.length() - 1
                && Trace.LAYER_KINDS.contains(name.substring(0, slash).toLowerCase(Locale.ROOT))) {
            return name.substring(0, slash).toLowerCase(Locale.ROOT) + name.substring(slash);
        }
        if (lower.startsWith("lr-")) {
            return Trace.LR; // Lightning's LearningRateMonitor: lr-Adam, lr-SGD
        }
        return exact(normalised(lower));
    }

    /** A Weights &amp; Biases chart export names its columns {@code "<run name> - <metric>"}. */
    static String withoutRunName(String raw) {
        String name = raw.trim();
        int dash = name.lastIndexOf(" - ");
        return dash >= 0 ? name.substring(dash + 3).trim() : name;
    }

    /** Whether a column keel maps to a metric is an accuracy ({@code val_acc}, {@code eval/accuracy}). */
    static boolean isAccuracy(String raw) {
        return withoutRunName(raw).toLowerCase(Locale.ROOT).contains("acc");
    }

    /** An accuracy spelled without a train or validation prefix ({@code accuracy}, {@code binary_accuracy}). */
    static boolean isUnprefixedAccuracy(String raw) {
        String lower = normalisedSuffix(withoutRunName(raw).toLowerCase(Locale.ROOT));
        return Trace.TRAIN_METRIC.equals(exact(lower)) && !lower.startsWith("train");
    }

    /** A validation column from a test set ({@code test_loss}): read as validation only when nothing else is. */
    static boolean isTestSet(String raw) {
        String lower = snakeCase(withoutRunName(raw)).toLowerCase(Locale.ROOT);
        return lower.startsWith("test_") || lower.startsWith("test/");
    }

    /**
     * Whether a column keel does not read by name is one part of a loss logged in parts ({@code
     * train_classification_loss}, {@code loss_box_reg}, {@code val/kl_loss}): {@code FALSE} for a training part,
     * {@code TRUE} for a validation part, {@code null} for anything else. A test set's parts are not read, nor
     * bookkeeping named after the loss ({@code loss_scale}, {@code loss_weight}), nor Lightning's per-batch
     * validation ({@code val_x_loss_step}, counted in validation batches).
     */
    static Boolean lossPart(String raw) {
        String lower = withoutRunName(raw).toLowerCase(Locale.ROOT);
        if (!IDENTIFIER.matcher(lower).matches()) {
            return null; // a printed line, not a column's name
        }
        List<String> words = List.of(WORD_BREAKS.split(lower));
        if (!words.contains("loss") || words.size() < 2 || words.stream().anyMatch(NOT_A_LOSS_PART::contains)) {
            return null;
        }
        if (words.stream().anyMatch(w -> w.equals("test") || w.equals("testing"))) {
            return null;
        }
        boolean validation = words.stream().anyMatch(VALIDATION_WORDS::contains);
        if (validation && lower.endsWith("_step")) {
            return null;
        }
        return validation;
    }

    /** A loss's total or mean beside its parts ({@code total_loss}, {@code mean_loss}, {@code val_loss_total}). */
    static boolean isTotal(String raw) {
        String lower = normalisedSuffix(withoutRunName(raw).toLowerCase(Locale.ROOT));
        return (Trace.LOSS.equals(exact(lower)) || Trace.VAL_LOSS.equals(exact(normalised(lower))))
                && (lower.contains("total") || lower.contains("mean") || lower.contains("avg")
                || lower.contains("average") || lower.contains("overall"));
    }

    /** A name without Lightning's {@code _step} or {@code _epoch} suffix, lower case. */
    static String withoutLightningSuffix(String raw) {
        return normalisedSuffix(withoutRunName(raw).toLowerCase(Locale.ROOT));
    }

    /** The names keel reads, spelled as the frameworks spell them. */
    private static String exact(String lower) {
        return switch (lower) {
            case "step", "iteration", "iter", "global_step", "_step" -> Trace.STEP;
            case "epoch" -> Trace.EPOCH;
            // A loss made of parts is often logged with its total under one of these names (and the parts beside it);
            // "cost" is the loss in Andrew Ng's courses and many hand-written loops ("Cost after iteration 500: 0.41").
            case "loss", "train_loss", "training_loss", "total_loss", "loss_total", "overall_loss", "mean_loss",
                    "avg_loss", "average_loss", "train_total_loss", "train_mean_loss", "train_avg_loss", "cost",
                    "train_cost", "training_cost", "total_cost" -> Trace.LOSS;
            case "lr", "learning_rate" -> Trace.LR;
            case "val_loss", "validation_loss", "val_total_loss", "val_loss_total", "val_mean_loss", "val_avg_loss",
                    "val_cost", "validation_cost" -> Trace.VAL_LOSS;
            // Keras names a compiled metric after its function; validation spells it with val_.
            case "val_metric", "val_accuracy", "val_acc", "val_categorical_accuracy",
                    "val_sparse_categorical_accuracy", "val_binary_accuracy" -> Trace.VAL_METRIC;
            case "train_metric", "accuracy", "acc", "train_acc", "train_accuracy", "training_accuracy",
                    "training_acc", "categorical_accuracy", "sparse_categorical_accuracy", "binary_accuracy"
                    -> Trace.TRAIN_METRIC;
            // Hugging Face logs the total gradient norm (before clipping) as grad_norm; a per-layer norm has a slash.
            case "grad_norm", "total_grad_norm", "gradient_norm", "grad_norm_total" -> Trace.TOTAL_GRAD_NORM;
            default -> null;
        };
    }

    /**
     * Strips what frameworks add around a metric's name: a {@code train/} or {@code training/} prefix (W&amp;B),
     * {@code eval}/{@code valid}/{@code validation}/{@code test} prefixes written as keel's {@code val_} (Hugging
     * Face's {@code eval_loss}, fastai's {@code valid_loss}, W&amp;B's {@code eval/loss}), and Lightning's
     * {@code _step} and {@code _epoch} suffixes.
     */
    private static String normalised(String lower) {
        String s = normalisedSuffix(lower);
        for (String prefix : new String[] {"train/", "training/"}) {
            if (s.startsWith(prefix)) {
                return s.substring(prefix.length());
            }
        }
        for (String prefix : new String[] {"eval/", "val/", "valid/", "validation/", "test/", "eval_", "valid_",
                "validation_", "test_"}) {
            if (s.startsWith(prefix)) {
                return "val_" + s.substring(prefix.length());
            }
        }
        return s;
    }

    private static String normalisedSuffix(String lower) {
        String s = lower;
        for (String suffix : new String[] {"_step", "_epoch"}) {
            if (s.endsWith(suffix) && s.length() > suffix.length()) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }

    /** Columns of known foreign formats that carry nothing keel uses, dropped without a warning. */
    static boolean isSilentlyDropped(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        // W&B: its own bookkeeping (_runtime, _timestamp) and a chart's min/max band around each line.
        return lower.equals("wall time") || lower.equals("wall_time") || lower.equals("timestamp")
                || lower.startsWith("_") || lower.endsWith("__min") || lower.endsWith("__max");
    }
}
