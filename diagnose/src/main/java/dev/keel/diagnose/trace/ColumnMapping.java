package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the header of a trace file onto keel's names (docs/DESIGN.md, "The trace"), each name through
 * {@link ColumnNames}, and decides what only the whole header tells: which of two spellings of a column wins (the one
 * with values on more rows, when the reader counted them), what the loss is when no column is named so (the sum of
 * its parts, else the validation loss), where the step comes from (the epoch, for Lightning's epoch mean), whether a
 * bare {@code accuracy} is measured on validation (fastai, Hugging Face's notebook table), and what the file's format
 * says about its rows ({@link #impliedMetadata()}). A name it does not know maps to {@code null} and is ignored. Each
 * decision a user should know of is a sentence in {@link #notes()}.
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
    private final Map<String, Integer> parts;
    private final boolean lossFromValidation;
    private final boolean lossIsEpochMean;
    private final List<String> notes;

    private ColumnMapping(List<String> header, List<String> canonical, List<String> unknown, int stepIndex,
                          StepSource stepSource, Map<String, Integer> parts, boolean lossFromValidation,
                          boolean lossIsEpochMean, List<String> notes) {
        this.header = List.copyOf(header);
        this.canonical = canonical;
        this.unknown = unknown;
        this.stepIndex = stepIndex;
        this.stepSource = stepSource;
        this.hasLoss = canonical.contains(Trace.LOSS);
        this.parts = parts;
        this.lossFromValidation = lossFromValidation;
        this.lossIsEpochMean = lossIsEpochMean;
        this.notes = notes;
    }

    static ColumnMapping of(List<String> header) {
        return of(header, null);
    }

    /**
     * The mapping of {@code header}; {@code filled}, when known, counts the rows that give a value in each column,
     * so that of two spellings of one column the one with values on more rows is read.
     */
    static ColumnMapping of(List<String> header, int[] filled) {
        boolean tensorBoard = isTensorBoardExport(header);
        List<String> canonical = new ArrayList<>(header.size());
        List<String> unknown = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String raw : header) {
            String name = tensorBoard ? tensorBoardName(raw) : ColumnNames.canonical(raw);
            canonical.add(name);
            if (name == null && !raw.isBlank() && !ColumnNames.isSilentlyDropped(raw)) {
                unknown.add(raw);
            }
        }
        // Lightning logs a validation metric of each validation batch as <name>_step, at the validation loop's own
        // step count (0, 1, 2, ... again every epoch): it says nothing at a training step and is never read.
        List<String> perBatch = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if ((Trace.VAL_LOSS.equals(name) || Trace.VAL_METRIC.equals(name)) && isPerStep(header.get(i))) {
                canonical.set(i, null);
                unknown.add(header.get(i));
                perBatch.add(header.get(i).trim());
            }
        }
        if (!perBatch.isEmpty()) {
            notes.add("Lightning's per-batch validation (" + quoted(perBatch) + ") not read: its step counts"
                    + " validation batches, not training steps");
        }
        // Two spellings of one column (e.g. "loss" and "train_loss"): the one with values on more rows, then a
        // per-step spelling over a per-epoch aggregate (Lightning's train_loss_step over train_loss_epoch), then the
        // first; the rest are ignored.
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if (name == null) {
                continue;
            }
            for (int j = 0; j < canonical.size(); j++) {
                if (j != i && name.equals(canonical.get(j)) && beats(header.get(j), j, header.get(i), i, filled)) {
                    canonical.set(i, null);
                    unknown.add(header.get(i));
                    break;
                }
            }
        }
        Map<String, Integer> parts = new LinkedHashMap<>();
        if (!canonical.contains(Trace.LOSS)) {
            addParts(header, canonical, unknown, filled, false, parts, notes);
        }
        if (!canonical.contains(Trace.VAL_LOSS)) {
            addParts(header, canonical, unknown, filled, true, parts, notes);
        }
        boolean fromValidation = !canonical.contains(Trace.LOSS) && canonical.contains(Trace.VAL_LOSS);
        if (fromValidation) {
            // Better a verdict on the validation curve than none: a user asked about this run.
            List<String> names = new ArrayList<>();
            for (int i = 0; i < canonical.size(); i++) {
                if (Trace.VAL_LOSS.equals(canonical.get(i))) {
                    canonical.set(i, Trace.LOSS);
                    names.add(header.get(i).trim());
                }
            }
            Integer n = parts.remove(Trace.VAL_LOSS);
            if (n != null) {
                parts.put(Trace.LOSS, n);
            }
            notes.add("no training loss in the file: the validation loss (" + quoted(names)
                    + ") is judged as the loss");
        }
        int trainMetric = canonical.indexOf(Trace.TRAIN_METRIC);
        if (fromValidation && trainMetric >= 0 && !canonical.contains(Trace.VAL_METRIC)
                && ColumnNames.isUnprefixedAccuracy(header.get(trainMetric))) {
            canonical.set(trainMetric, Trace.VAL_METRIC); // with no training loss logged, metrics are validation's
        } else if (metricsAreOnValidation(header, canonical)) {
            canonical.set(canonical.indexOf(Trace.TRAIN_METRIC), Trace.VAL_METRIC);
        }
        int step = canonical.indexOf(Trace.STEP);
        StepSource source = StepSource.STEP_COLUMN;
        boolean epochMean = false;
        int loss = canonical.indexOf(Trace.LOSS);
        if (loss >= 0 && ColumnNames.isTotal(header.get(loss))) {
            notes.add("the loss is read from '" + header.get(loss).trim() + "'");
        }
        int epoch = canonical.indexOf(Trace.EPOCH);
        if (loss >= 0 && epoch >= 0 && !fromValidation && isEpochAggregate(header.get(loss))) {
            // Lightning's <name>_epoch is one value an epoch, logged at the step the epoch ended on; the steps of its
            // training, validation and test rows need not agree, the epochs do.
            epochMean = true;
            if (step >= 0) {
                canonical.set(step, null);
            }
            step = epoch;
            source = StepSource.EPOCH_COLUMN;
            notes.add("the training loss is the epoch mean '" + header.get(loss).trim() + "'"
                    + epochMeanReason(header, loss, filled)
                    + ": one row an epoch, the epoch as the step");
            preferEpochAggregates(header, canonical, unknown);
        }
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
        return new ColumnMapping(header, canonical, unknown, step, source, parts, fromValidation, epochMean, notes);
    }

    /** Why an epoch mean was read when the file also has the per-step loss: it has values on more rows. */
    private static String epochMeanReason(List<String> header, int loss, int[] filled) {
        String base = ColumnNames.withoutLightningSuffix(header.get(loss));
        for (int i = 0; i < header.size(); i++) {
            if (i != loss && isPerStep(header.get(i)) && ColumnNames.withoutLightningSuffix(header.get(i)).equals(base)
                    && filled != null) {
                return String.format(Locale.ROOT, " (values on %d rows, '%s' on %d)", filled[loss],
                        header.get(i).trim(), filled[i]);
            }
        }
        return "";
    }

    /** One row an epoch: where a metric comes both per step and as the epoch's aggregate, the aggregate is read. */
    private static void preferEpochAggregates(List<String> header, List<String> canonical, List<String> unknown) {
        for (int i = 0; i < canonical.size(); i++) {
            if (!isEpochAggregate(header.get(i)) || canonical.get(i) != null || !unknown.contains(header.get(i))) {
                continue;
            }
            String name = ColumnNames.canonical(header.get(i));
            int rival = name == null ? -1 : canonical.indexOf(name);
            if (rival >= 0 && isPerStep(header.get(rival))) {
                canonical.set(rival, null);
                unknown.add(header.get(rival));
                canonical.set(i, name);
                unknown.remove(header.get(i));
            }
        }
    }

    /**
     * A loss logged only in parts ({@code train_classification_loss}, {@code train_regression_loss}): their sum is
     * the loss, and likewise for validation. A part logged both per step and per epoch counts once.
     */
    private static void addParts(List<String> header, List<String> canonical, List<String> unknown, int[] filled,
                                 boolean validation, Map<String, Integer> parts, List<String> notes) {
        Map<String, Integer> byBase = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (canonical.get(i) != null || !Boolean.valueOf(validation).equals(ColumnNames.lossPart(header.get(i)))) {
                continue;
            }
            String base = ColumnNames.withoutLightningSuffix(header.get(i));
            Integer rival = byBase.get(base);
            if (rival == null || beats(header.get(i), i, header.get(rival), rival, filled)) {
                byBase.put(base, i);
            }
        }
        if (byBase.isEmpty()) {
            return;
        }
        String target = validation ? Trace.VAL_LOSS : Trace.LOSS;
        List<String> names = new ArrayList<>();
        for (int i : byBase.values()) {
            canonical.set(i, target);
            unknown.remove(header.get(i));
            names.add(header.get(i).trim());
        }
        String what = validation ? "validation loss" : "loss";
        if (names.size() == 1) {
            notes.add("no '" + target + "' column: '" + names.get(0) + "' read as the " + what);
        } else {
            parts.put(target, names.size());
            notes.add("no '" + target + "' column: the " + what + " is the sum of its parts " + quoted(names)
                    + " (a row missing one has none)");
        }
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }

    /**
     * Whether column {@code a} (at {@code ia}) is preferred to column {@code b} (at {@code ib}) of the same name: a
     * validation set over a test set, values on more rows, a per-step value over an epoch aggregate, then the first.
     */
    private static boolean beats(String a, int ia, String b, int ib, int[] filled) {
        boolean testA = ColumnNames.isTestSet(a);
        boolean testB = ColumnNames.isTestSet(b);
        if (testA != testB) {
            return testB;
        }
        if (filled != null && filled[ia] != filled[ib]) {
            return filled[ia] > filled[ib];
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
    static boolean isEpochAggregate(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("_epoch") && !lower.equals("epoch");
    }

    /** Lightning's {@code <metric>_step}: a metric logged every step (or every validation batch). */
    private static boolean isPerStep(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("_step") && !lower.equals("_step") && !lower.equals("global_step");
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

    /** How many columns are summed into {@code name} (a loss logged in parts), or 1. */
    int parts(String name) {
        return parts.getOrDefault(name, 1);
    }

    /** Whether the loss is the validation loss, for want of a training loss. */
    boolean lossFromValidation() {
        return lossFromValidation;
    }

    /**
     * Whether rows are keyed by the epoch because the loss is an epoch aggregate (Lightning's {@code
     * train_loss_epoch}): a column logged several times an epoch then keeps the epoch's last value.
     */
    boolean lossIsEpochMean() {
        return lossIsEpochMean;
    }

    /** Sentences on how the header was read, for the trace's notes. */
    List<String> notes() {
        return notes;
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
        if (lossIsEpochMean) {
            m.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        } else if (isFastai()) {
            m.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EMA);
        } else if (isKerasCsvLogger()) {
            m.put(Trace.LOSS_ROWS, Trace.LOSS_ROWS_EPOCH_MEAN);
        }
        return m;
    }

    /** fastai's {@code CSVLogger}: {@code epoch,train_loss,valid_loss,<metrics>,time}, no step column. */
    private boolean isFastai() {
        List<String> lower = header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        return stepSource == StepSource.EPOCH_COLUMN && lower.contains("epoch") && lower.contains("train_loss") && lower.contains("valid_loss");
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

    /** The columns the trace will hold, in file order, without the step; a loss in parts once. */
    List<String> traceColumns() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            String name = canonical.get(i);
            if (name != null && i != stepIndex && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
