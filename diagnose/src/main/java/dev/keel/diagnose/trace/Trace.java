package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A training run recorded step by step, in the format of docs/DESIGN.md ("The trace"). Immutable once built.
 *
 * <p>Cells may be absent (an empty CSV cell) or present and non-finite (NaN, ±Infinity): the two are
 * different facts, so every column carries a presence bit per row.
 *
 * @param metadata the {@code # key=value} lines, in file order
 * @param steps    the step of each row, strictly increasing
 * @param columns  every column but {@code step}, in file order (per-layer columns from input to output)
 * @param notes    plain sentences on how a foreign file was read (rows numbered in order, a second run dropped),
 *                 shown to the user beside the verdict; empty for keel's own traces
 */
public record Trace(Map<String, String> metadata, long[] steps, List<Column> columns, List<String> notes) {

    public static final String STEP = "step";
    public static final String EPOCH = "epoch";
    public static final String LOSS = "loss";
    public static final String LR = "lr";
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_METRIC = "val_metric";
    public static final String GRAD_NORM = "grad_norm";
    public static final String UPDATE_RATIO = "update_ratio";
    public static final String PARAM_NORM = "param_norm";
    public static final String DEAD_FRACTION = "dead_fraction";
    public static final String SATURATED_FRACTION = "saturated_fraction";
    /** The whole model's gradient norm (Hugging Face's {@code grad_norm}); per-layer norms are {@code grad_norm/<layer>}. */
    public static final String TOTAL_GRAD_NORM = "total_grad_norm";
    /** A metric on the training batches (Keras' {@code accuracy}); {@link #VAL_METRIC} is on validation. */
    public static final String TRAIN_METRIC = "train_metric";

    /*
     * Metadata keys. VAL_METRIC and TRAIN_METRIC double as keys naming the metric in their column ("accuracy", "r2").
     * LOSS_ROWS says what one row's loss averages over, where the format says it; it is absent when unknown.
     */
    public static final String LOSS_ROWS = "loss_rows";
    /** Each row's loss is the mean over its epoch's batches (Keras' CSVLogger, history and printed log). */
    public static final String LOSS_ROWS_EPOCH_MEAN = "epoch_mean";
    /** Each row's loss is the mean over the batches since the row before (Hugging Face's logging_steps). */
    public static final String LOSS_ROWS_WINDOW_MEAN = "window_mean";
    /** Each row's loss is an exponential moving average of the batch losses (fastai's smooth_loss, weight 0.98). */
    public static final String LOSS_ROWS_EMA = "ema";

    /** Metadata: the loss of the trivial predictor (class priors, or the target's mean), in the loss's units. */
    public static final String META_CHANCE_LOSS = "chance_loss";
    /** Metadata: the number of classes of a classifier. */
    public static final String META_CLASSES = "classes";
    /** Metadata: the number of examples each validation pass averages its loss over. */
    public static final String META_VAL_EXAMPLES = "val_examples";

    /** Per-layer column kinds, written as {@code kind/layer}. */
    public static final List<String> LAYER_KINDS =
            List.of(GRAD_NORM, UPDATE_RATIO, PARAM_NORM, DEAD_FRACTION, SATURATED_FRACTION);

    /** Whole-run columns, in the order the design lists them. */
    public static final List<String> RUN_COLUMNS = List.of(EPOCH, LOSS, LR, VAL_LOSS, VAL_METRIC);

    public Trace {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
        for (Column c : columns) {
            if (c.values().length != steps.length) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.values().length
                        + " rows, the trace has " + steps.length);
            }
        }
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) {
                throw new IllegalArgumentException("steps must be strictly increasing: step " + steps[i]
                        + " follows " + steps[i - 1]);
            }
        }
    }

    /** A trace with no notes on how it was read (keel's own traces, and traces built in code). */
    public Trace(Map<String, String> metadata, long[] steps, List<Column> columns) {
        this(metadata, steps, columns, List.of());
    }

    /** One column of the trace. {@code values[i]} is meaningful only where {@code present.get(i)}. */
    public record Column(String name, double[] values, BitSet present) {
        public Column {
            Objects.requireNonNull(name, "name");
        }

        public boolean has(int row) {
            return present.get(row);
        }

        public double get(int row) {
            return values[row];
        }

        /** The layer part of a {@code kind/layer} name, or {@code null} for whole-run columns. */
        public String layer() {
            int slash = name.indexOf('/');
            return slash < 0 ? null : name.substring(slash + 1);
        }

        /** The kind part of a {@code kind/layer} name, or the whole name for whole-run columns. */
        public String kind() {
            int slash = name.indexOf('/');
            return slash < 0 ? name : name.substring(0, slash);
        }
    }

    public int size() {
        return steps.length;
    }

    public Optional<Column> column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The training loss column; every trace has one. */
    public Column loss() {
        return column(LOSS).orElseThrow(() -> new IllegalStateException("trace has no loss column"));
    }

    /** Layer names in order from input to output, as they first appear in per-layer columns. */
    public List<String> layers() {
        LinkedHashSet<String> layers = new LinkedHashSet<>();
        for (Column c : columns) {
            if (c.layer() != null) {
                layers.add(c.layer());
            }
        }
        return List.copyOf(layers);
    }

    /** The per-layer column {@code kind/layer}, if recorded. */
    public Optional<Column> layerColumn(String kind, String layer) {
        return column(kind + "/" + layer);
    }

    /** A copy holding only {@code step} and the named columns that exist (e.g. to cut a trace to step,loss). */
    public Trace keepOnly(List<String> names) {
        List<Column> kept = new ArrayList<>();
        for (Column c : columns) {
            if (names.contains(c.name())) {
                kept.add(c);
            }
        }
        return new Trace(metadata, steps, kept, notes);
    }

    public static Builder builder(List<String> columnNames) {
        return new Builder(columnNames);
    }

    /**
     * Collects rows while a run trains. Not thread-safe; one builder per trial. Rows are appended with
     * {@link #addRow(long)} and then filled with {@link #set(int, double)}.
     */
    public static final class Builder {
        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private long[] steps = new long[256];
        private double[][] values;
        private final BitSet[] present;
        private int rows;

        private Builder(List<String> columnNames) {
            this.names = List.copyOf(columnNames);
            this.values = new double[names.size()][256];
            this.present = new BitSet[names.size()];
            for (int i = 0; i < names.size(); i++) {
                if (index.put(names.get(i), i) != null) {
                    throw new IllegalArgumentException("duplicate trace column " + names.get(i));
                }
                present[i] = new BitSet();
            }
            if (index.containsKey(STEP)) {
                throw new IllegalArgumentException("'step' is implicit; do not list it as a column");
            }
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder metadataAll(Map<String, String> entries) {
            metadata.putAll(entries);
            return this;
        }

        /** Adds a sentence on how the file was read, once. */
        public Builder note(String sentence) {
            if (!notes.contains(sentence)) {
                notes.add(sentence);
            }
            return this;
        }

        /** The position of a column, for fast {@link #set(int, double)} in a training loop; -1 if absent. */
        public int columnIndex(String name) {
            return index.getOrDefault(name, -1);
        }

        public List<String> columnNames() {
            return names;
        }

        /** Starts a new row; later {@code set} calls fill it. */
        public Builder addRow(long step) {
            if (rows > 0 && step <= steps[rows - 1]) {
                throw new IllegalArgumentException("steps must be strictly increasing: " + step
                        + " after " + steps[rows - 1]);
            }
            if (rows == steps.length) {
                int capacity = steps.length * 2;
                steps = Arrays.copyOf(steps, capacity);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], capacity);
                }
            }
            steps[rows++] = step;
            return this;
        }

        /** Sets a cell of the last row. Non-finite values are recorded as they are. */
        public Builder set(int column, double value) {
            if (rows == 0) {
                throw new IllegalStateException("addRow before set");
            }
            values[column][rows - 1] = value;
            present[column].set(rows - 1);
            return this;
        }

        public Builder set(String column, double value) {
            Integer c = index.get(column);
            if (c == null) {
                throw new IllegalArgumentException("no trace column named " + column);
            }
            return set(c, value);
        }

        public int rows() {
            return rows;
        }

        public Trace build() {
            List<Column> cols = new ArrayList<>(names.size());
            for (int c = 0; c < names.size(); c++) {
                cols.add(new Column(names.get(c), Arrays.copyOf(values[c], rows), (BitSet) present[c].clone()));
            }
            return new Trace(metadata, Arrays.copyOf(steps, rows), cols, notes);
        }
    }
}
