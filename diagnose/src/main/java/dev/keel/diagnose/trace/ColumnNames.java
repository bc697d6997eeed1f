package dev.keel.diagnose.trace;

import java.util.Locale;
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

    private ColumnNames() {
    }

    /** keel's name for a column, or {@code null} when it is not one keel reads. */
    static String canonical(String raw) {
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
        String lower = withoutRunName(raw).toLowerCase(Locale.ROOT);
        return lower.startsWith("test_") || lower.startsWith("test/");
    }

    /** The names keel reads, spelled as the frameworks spell them. */
    private static String exact(String lower) {
        return switch (lower) {
            case "step", "iteration", "iter", "global_step", "_step" -> Trace.STEP;
            case "epoch" -> Trace.EPOCH;
            case "loss", "train_loss", "training_loss" -> Trace.LOSS;
            case "lr", "learning_rate" -> Trace.LR;
            case "val_loss", "validation_loss" -> Trace.VAL_LOSS;
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
