package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the column names of a trace file onto keel's names (DESIGN.md, "The trace"): keel's own, Keras
 * {@code CSVLogger}'s, TensorBoard's scalar export and the usual PyTorch spellings ({@code train_loss},
 * {@code iteration}). A name it does not know maps to {@code null} and is ignored.
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
        // Two spellings of one column (e.g. "loss" and "train_loss"): the first wins, the rest are ignored.
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if (name != null && canonical.subList(0, i).contains(name)) {
                canonical.set(i, null);
                unknown.add(header.get(i));
            }
        }
        int step = canonical.indexOf(Trace.STEP);
        StepSource source = StepSource.STEP_COLUMN;
        if (step < 0) {
            step = canonical.indexOf(Trace.EPOCH);
            source = step < 0 ? StepSource.NONE : StepSource.EPOCH_COLUMN;
        }
        return new ColumnMapping(canonical, unknown, step, source, canonical.contains(Trace.LOSS));
    }

    /** keel's name for a column, or {@code null} when it is not one keel reads. */
    static String canonicalName(String raw) {
        String name = raw.trim();
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "step", "iteration", "iter", "global_step" -> {
                return Trace.STEP;
            }
            case "epoch" -> {
                return Trace.EPOCH;
            }
            case "loss", "train_loss", "training_loss" -> {
                return Trace.LOSS;
            }
            case "lr", "learning_rate" -> {
                return Trace.LR;
            }
            case "val_loss", "validation_loss" -> {
                return Trace.VAL_LOSS;
            }
            case "val_metric", "val_accuracy", "val_acc" -> {
                return Trace.VAL_METRIC;
            }
            default -> {
                int slash = name.indexOf('/');
                if (slash > 0 && slash < name.length() - 1
                        && Trace.LAYER_KINDS.contains(name.substring(0, slash).toLowerCase(Locale.ROOT))) {
                    return name.substring(0, slash).toLowerCase(Locale.ROOT) + name.substring(slash);
                }
                return null;
            }
        }
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
        return lower.equals("wall time") || lower.equals("wall_time") || lower.equals("timestamp");
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
