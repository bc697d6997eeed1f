package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the header of a trace file onto keel's names (DESIGN.md, "The trace"), each name through
 * {@link ColumnNames}, and decides what only the whole header tells: which of two spellings of a column wins, where
 * the step comes from, whether a bare {@code accuracy} is measured on validation (fastai, Hugging Face's notebook
 * table), and what the file's format says about its rows ({@link #impliedMetadata()}). A name it does not know maps
 * to {@code null} and is ignored.
 */
final class ColumnMapping {
    /** Where the step comes from: a step-like column, or the epoch for per-epoch logs (Keras). */
    enum StepSource { STEP_COLUMN, EPOCH_COLUMN, NONE }

    private final List<String> header;
    private final List<String> canonical;
    private final List<String> unknown;
    private final int stepIndex;
    private final StepSource stepSource;
    private final boolean hasLoss;

    private ColumnMapping(List<String> header, List<String> canonical, List<String> unknown, int stepIndex,
                          StepSource stepSource, boolean hasLoss) {
        this.header = List.copyOf(header);
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
            String name = tensorBoard ? tensorBoardName(raw) : ColumnNames.canonical(raw);
            canonical.add(name);
            if (name == null && !raw.isBlank() && !ColumnNames.isSilentlyDropped(raw)) {
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
        if (metricsAreOnValidation(header, canonical)) {
            canonical.set(canonical.indexOf(Trace.TRAIN_METRIC), Trace.VAL_METRIC);
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
        return new ColumnMapping(header, canonical, unknown, step, source, canonical.contains(Trace.LOSS));
    }

    /**
     * Whether column {@code a} (at {@code ia}) is preferred to column {@code b} (at {@code ib}) of the same name: a
     * validation set over a test set, a per-step value over an epoch aggregate, then the first.
     */
    private static boolean beats(String a, int ia, String b, int ib) {
        boolean testA = ColumnNames.isTestSet(a);
        boolean testB = ColumnNames.isTestSet(b);
        if (testA != testB) {
            return testB;
        }
        boolean aggregateA = isEpochAggregate(a);
        boolean aggregateB = isEpochAggregate(b);
        return aggregateA != aggregateB ? aggregateB : ia < ib;
    }

    /**
     * fastai computes its metrics on the validation set only ({@code epoch,train_loss,valid_loss,accuracy,time}), and
     * so does Hugging Face's notebook table ({@code Step, Training Loss, Validation Loss, Accuracy}): a bare accuracy
     * beside a training loss spelled as such and a validation loss, with no validation accuracy, is validation's.
     */
    private static boolean metricsAreOnValidation(List<String> header, List<String> canonical) {
        int metric = canonical.indexOf(Trace.TRAIN_METRIC);
        int loss = canonical.indexOf(Trace.LOSS);
        return metric >= 0 && loss >= 0 && canonical.contains(Trace.VAL_LOSS) && !canonical.contains(Trace.VAL_METRIC)
                && ColumnNames.isUnprefixedAccuracy(header.get(metric))
                && !header.get(loss).trim().equalsIgnoreCase(Trace.LOSS);
    }

    /** Lightning's {@code <metric>_epoch}: the epoch's mean of a metric also logged every step. */
    private static boolean isEpochAggregate(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("_epoch") && !lower.equals("epoch");
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

    /**
     * What the header says beyond its columns: which metric {@code val_metric} and {@code train_metric} are (when the
     * name says accuracy), and what a row's loss averages over where the format fixes it. Keras' {@code CSVLogger}
     * writes {@code epoch} then the logs' keys sorted, and its {@code loss} is the epoch's mean; fastai's
     * {@code train_loss} is its Recorder's {@code smooth_loss}, a moving average with weight 0.98.
     */
    Map<String, String> impliedMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String metric : List.of(Trace.VAL_METRIC, Trace.TRAIN_METRIC)) {
            int i = canonical.indexOf(metric);
            if (i >= 0 && ColumnNames.isAccuracy(header.get(i))) {
                m.put(metric, "accuracy");
            }
        }
        if (isFastai()) {
            m.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EMA);
        } else if (isKerasCsvLogger()) {
            m.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        }
        return m;
    }

    private boolean isFastai() {
        List<String> lower = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        return lower.contains("epoch") && lower.contains("train_loss") && lower.contains("valid_loss");
    }

    private boolean isKerasCsvLogger() {
        if (stepSource != StepSource.EPOCH_COLUMN || header.size() < 2 || !header.get(0).trim().equals("epoch")
                || !header.contains(Trace.LOSS)) {
            return false;
        }
        for (int i = 2; i < header.size(); i++) {
            if (header.get(i).compareTo(header.get(i - 1)) < 0) {
                return false;
            }
        }
        return true;
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
