package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the column names of a trace file onto keel's names (DESIGN.md, "The trace"): keel's own, Keras
 * {@code CSVLogger}'s, TensorBoard's scalar export, the usual PyTorch spellings ({@code train_loss},
 * {@code iteration}), PyTorch Lightning's ({@code train_loss_step}, {@code lr-Adam}), Hugging Face's
 * ({@code eval_loss}), fastai's ({@code valid_loss}) and Weights &amp; Biases exports ({@code _step},
 * {@code train/loss}, {@code <run> - eval/loss}). A name it does not know maps to {@code null} and is ignored.
 */
final class ColumnMapping {
    /** Where the step comes from: a step-like column, or the epoch for per-epoch logs (Keras). */
    enum StepSource { STEP_COLUMN, EPOCH_COLUMN, NONE }

    private final List<String> canonical;
    private final List<String> unknown;
    private final int stepIndex;
    private final StepSource stepSource;
    private final boolean hasLoss;

    private ColumnMapping(List<String> canonical, List<String> unknown, int stepIndex, StepSource stepSource,
                          boolean hasLoss) {
        this.canonical = canonical;
        this.unknown = unknown;
        this.stepIndex = stepIndex;
        this.stepSource = stepSource;
        this.hasLoss = hasLoss;
    }

    static ColumnMapping of(List<String> header) {
        boolean tensorBoard = isTensorBoardExport(header);
        List<String> canonical = new ArrayList<>(header.size());
        List<String> unknown = new ArrayList<>();
        for (String raw : header) {
            String name = tensorBoard ? tensorBoardName(raw) : canonicalName(raw);
            canonical.add(name);
            if (name == null && !raw.isBlank() && !isSilentlyDropped(raw)) {
                unknown.add(raw);
            }
        }
        // Two spellings of one column (e.g. "loss" and "train_loss"): a per-step spelling beats a per-epoch
        // aggregate (Lightning's train_loss_step over train_loss_epoch), then the first wins; the rest are ignored.
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if (name == null) {
                continue;
            }
            for (int j = 0; j < canonical.size(); j++) {
                if (j != i && name.equals(canonical.get(j)) && beats(header.get(j), j, header.get(i), i)) {
                    canonical.set(i, null);
                    unknown.add(header.get(i));
                    break;
                }
            }
        }
        int step = canonical.indexOf(Trace.STEP);
        StepSource source = StepSource.STEP_COLUMN;
        if (step < 0 && !canonical.contains(Trace.EPOCH) && !header.isEmpty() && header.get(0).isBlank()) {
            // pandas' DataFrame.to_csv writes its row index as a first column with no name (a Keras History
            // saved with pd.DataFrame(history.history).to_csv(...)): the index is the step.
            canonical.set(0, Trace.STEP);
            step = 0;
        }
        if (step < 0) {
            step = canonical.indexOf(Trace.EPOCH);
            source = step < 0 ? StepSource.NONE : StepSource.EPOCH_COLUMN;
        }
        return new ColumnMapping(canonical, unknown, step, source, canonical.contains(Trace.LOSS));
    }

    /** Whether column {@code a} (at {@code ia}) is preferred to column {@code b} (at {@code ib}) of the same name. */
    private static boolean beats(String a, int ia, String b, int ib) {
        boolean aggregateA = isEpochAggregate(a);
        boolean aggregateB = isEpochAggregate(b);
        return aggregateA != aggregateB ? aggregateB : ia < ib;
    }

    /** Lightning's {@code <metric>_epoch}: the epoch's mean of a metric also logged every step. */
    private static boolean isEpochAggregate(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("_epoch") && !lower.equals("epoch");
    }

    /** keel's name for a column, or {@code null} when it is not one keel reads. */
    static String canonicalName(String raw) {
        String name = raw.trim();
        // A Weights & Biases chart export names its columns "<run name> - <metric>".
        int dash = name.lastIndexOf(" - ");
        if (dash >= 0) {
            name = name.substring(dash + 3).trim();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String known = exactName(lower);
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
        return exactName(normalised(lower));
    }

    /** The names keel reads, spelled as the frameworks spell them. */
    private static String exactName(String lower) {
        return switch (lower) {
            case "step", "iteration", "iter", "global_step", "_step" -> Trace.STEP;
            case "epoch" -> Trace.EPOCH;
            case "loss", "train_loss", "training_loss" -> Trace.LOSS;
            case "lr", "learning_rate" -> Trace.LR;
            case "val_loss", "validation_loss" -> Trace.VAL_LOSS;
            case "val_metric", "val_accuracy", "val_acc" -> Trace.VAL_METRIC;
            default -> null;
        };
    }

    /**
     * Strips what frameworks add around a metric's name: a {@code train/} or {@code training/} prefix (W&amp;B),
     * {@code eval}/{@code valid}/{@code validation} prefixes written as keel's {@code val_} (Hugging Face's
     * {@code eval_loss}, fastai's {@code valid_loss}, W&amp;B's {@code eval/loss}), and Lightning's {@code _step}
     * and {@code _epoch} suffixes.
     */
    private static String normalised(String lower) {
        String s = lower;
        for (String suffix : new String[] {"_step", "_epoch"}) {
            if (s.endsWith(suffix) && s.length() > suffix.length()) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        for (String prefix : new String[] {"train/", "training/"}) {
            if (s.startsWith(prefix)) {
                return s.substring(prefix.length());
            }
        }
        for (String prefix : new String[] {"eval/", "val/", "valid/", "validation/", "eval_", "valid_",
                "validation_"}) {
            if (s.startsWith(prefix)) {
                return "val_" + s.substring(prefix.length());
            }
        }
        return s;
    }

    private static boolean isTensorBoardExport(List<String> header) {
        return header.size() == 3 && header.get(0).trim().equalsIgnoreCase("wall time")
                && header.get(1).trim().equalsIgnoreCase("step") && header.get(2).trim().equalsIgnoreCase("value");
    }

    private static String tensorBoardName(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "step" -> Trace.STEP;
            case "value" -> Trace.LOSS;
            default -> null;
        };
    }

    /** Columns of known foreign formats that carry nothing keel uses, dropped without a warning. */
    private static boolean isSilentlyDropped(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        // W&B: its own bookkeeping (_runtime, _timestamp) and a chart's min/max band around each line.
        return lower.equals("wall time") || lower.equals("wall_time") || lower.equals("timestamp")
                || lower.startsWith("_") || lower.endsWith("__min") || lower.endsWith("__max");
    }

    /** keel's name of column {@code i}, or {@code null} if it is ignored. */
    String name(int i) {
        return i < canonical.size() ? canonical.get(i) : null;
    }

    int width() {
        return canonical.size();
    }

    int stepIndex() {
        return stepIndex;
    }

    StepSource stepSource() {
        return stepSource;
    }

    boolean hasLoss() {
        return hasLoss;
    }

    List<String> unknown() {
        return unknown;
    }

    /** The columns the trace will hold, in file order, without the step. */
    List<String> traceColumns() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if (name != null && i != stepIndex) {
                names.add(name);
            }
        }
        return names;
    }
}
