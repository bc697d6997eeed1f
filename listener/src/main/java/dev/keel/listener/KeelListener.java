package dev.keel.listener;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.DivergenceMonitor;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.train.TraceRecorder;
import dev.keel.sweep.train.UserNetwork;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * keel's diagnosis inside your own DL4J training: a listener that any {@code MultiLayerNetwork} or {@code
 * ComputationGraph} takes with {@code setListeners} or {@code addListeners}. It records the trace a keel sweep
 * records (loss and learning rate every step; per layer, every {@code every} steps: gradient norm, update ratio,
 * parameter norm, dead and saturated fractions), measured by the sweep's own code; feeds every step to the online
 * {@link DivergenceMonitor}; and diagnoses the run with the same classifier as {@code keel diagnose}.
 *
 * <pre>{@code
 * KeelListener keel = KeelListener.builder().classes(10).writeTo(Path.of("runs/adam-1e-3")).build();
 * net.setListeners(keel);
 * net.fit(train, 20);
 * Diagnosis d = keel.finish();          // also runs/adam-1e-3/diagnosis.json; the trace is runs/adam-1e-3/trace.csv
 * }</pre>
 *
 * <p>One listener per network and training run, used on the training thread (DL4J calls listeners there).
 * Logs through SLF4J: where divergence became certain (WARN), the final verdict (INFO).
 */
public final class KeelListener extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(KeelListener.class);

    private final int every;
    private final boolean stopOnDivergence;
    private final Map<String, String> metadata;
    private final RunFolder folder;

    private Model model;
    private UserNetwork network;
    private TraceRecorder recorder;
    private final DivergenceMonitor monitor = new DivergenceMonitor();
    private DivergenceMonitor.Decision certain;
    private long step;

    private int epochColumn;
    private int lossColumn;
    private int lrColumn;
    private int valLossColumn;
    private int valMetricColumn;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private double[] cells;
    private boolean[] present;
    private boolean rowPending;

    private KeelListener(Builder b) {
        this.every = b.every;
        this.stopOnDivergence = b.stopOnDivergence;
        this.metadata = new LinkedHashMap<>(b.metadata);
        this.folder = b.folder == null ? null : new RunFolder(b.folder);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A listener with the defaults: statistics every 10 steps, no files, never stops training. */
    public static KeelListener create() {
        return builder().build();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        start(model);
        recorder.beforeStep(step + 1, network.gradientDivisor());
        recorder.onForwardPass(model, activations);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        start(model);
        recorder.beforeStep(step + 1, network.gradientDivisor());
        recorder.onForwardPass(model, activations);
    }

    @Override
    public void onGradientCalculation(Model model) {
        start(model);
        recorder.onGradientCalculation(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        start(model);
        writePendingRow();
        step++;
        double loss = model.score();
        double lr = network.learningRate();
        Map<String, Double> layerValues = recorder.afterStep(step, epoch + 1, loss, lr);
        Arrays.fill(present, false);
        put(epochColumn, epoch + 1);
        put(lossColumn, loss);
        put(lrColumn, lr);
        double gradSquares = 0;
        double paramSquares = 0;
        for (Map.Entry<String, Double> e : layerValues.entrySet()) {
            put(columnIndex.get(e.getKey()), e.getValue());
            double v = e.getValue();
            if (e.getKey().startsWith(Trace.GRAD_NORM + "/")) {
                gradSquares += v * v;
            } else if (e.getKey().startsWith(Trace.PARAM_NORM + "/")) {
                paramSquares += v * v;
            }
        }
        rowPending = folder != null;
        boolean measured = !layerValues.isEmpty();
        DivergenceMonitor.Decision d = monitor.observe(step, loss, measured ? Math.sqrt(gradSquares) : Double.NaN,
                measured ? Math.sqrt(paramSquares) : Double.NaN);
        if (d.shouldStop() && certain == null) {
            certain = d;
            LOG.warn("keel: divergence is certain at step {}: {}{}", d.step(), d.reason(),
                    stopOnDivergence ? "; stopping training" : "; training goes on (stopOnDivergence is off)");
            if (stopOnDivergence) {
                Diagnosis diagnosis = finish();
                throw new TrainingStopped(step, d.reason(), diagnosis, folder == null ? null : folder.dir());
            }
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (folder != null && recorder != null) {
            writePendingRow();
            folder.flush();
        }
    }

    /**
     * Records a validation result on the latest step's row, as a sweep does once an epoch: the loss on held-out
     * data and, for a classifier, its accuracy (NaN when there is none). The classifier reads both.
     */
    public void validation(double loss, double accuracy) {
        if (recorder == null || step == 0) {
            throw new IllegalStateException("validation is recorded on the latest training step: fit first");
        }
        recorder.validation(loss, accuracy);
        put(valLossColumn, loss);
        put(valMetricColumn, accuracy);
    }

    /** The validation loss alone. */
    public void validation(double loss) {
        validation(loss, Double.NaN);
    }

    /** The trace recorded so far (empty before the first step). */
    public Trace trace() {
        return recorder == null ? Trace.builder(Trace.RUN_COLUMNS).metadataAll(metadata).build() : recorder.build();
    }

    /** The diagnosis of the steps so far, as {@code keel diagnose} would give it for the trace; writes nothing. */
    public Diagnosis diagnosis() {
        return StabilityClassifier.classify(trace(), ChanceLevel.UNKNOWN);
    }

    /**
     * The final diagnosis: the diagnosis of every step recorded, written with the rest of the trace to the
     * listener's folder ({@code diagnosis.json}, {@code trace.csv}) when it has one. Call it after training;
     * calling it again after more training gives the diagnosis of the longer run.
     */
    public Diagnosis finish() {
        Diagnosis d = diagnosis();
        if (folder != null && recorder != null) {
            writePendingRow();
            folder.flush();
            folder.diagnosis(d, step, certain == null ? null : certain.step(), certain == null ? null : certain.reason());
        }
        LOG.info("keel: {} steps, {} (confidence {}){}", step, d.verdict().token(),
                String.format(Locale.ROOT, "%.2f", d.confidence()),
                d.findings().isEmpty() ? "" : ": " + d.findings().get(0).message());
        return d;
    }

    /**
     * Where divergence became certain, when it did: the step and why. Training goes on after it unless the listener
     * was built with {@code stopOnDivergence(true)}.
     */
    public Optional<DivergenceMonitor.Decision> divergenceCertain() {
        return Optional.ofNullable(certain);
    }

    /** Optimiser steps seen. */
    public long steps() {
        return step;
    }

    /** The trace file, when the listener writes one. */
    public Optional<Path> traceFile() {
        return Optional.ofNullable(folder).map(RunFolder::trace);
    }

    private void start(Model m) {
        if (model == m) {
            return;
        }
        if (model != null) {
            throw new IllegalStateException("a KeelListener records one network's training; give each network its own");
        }
        model = m;
        network = UserNetwork.of(m);
        metadata.putIfAbsent("network", m.getClass().getSimpleName());
        recorder = network.recorder(every, metadata);
        List<String> columns = recorder.columnNames();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        epochColumn = columnIndex.get(Trace.EPOCH);
        lossColumn = columnIndex.get(Trace.LOSS);
        lrColumn = columnIndex.get(Trace.LR);
        valLossColumn = columnIndex.get(Trace.VAL_LOSS);
        valMetricColumn = columnIndex.get(Trace.VAL_METRIC);
        cells = new double[columns.size()];
        present = new boolean[columns.size()];
        if (!network.measurable()) {
            LOG.warn("keel: per-layer statistics need a network of 32-bit floats with weights; recording the loss"
                    + " and learning rate only");
        }
        if (folder != null) {
            folder.start(recorder.build().metadata(), columns);
        }
        LOG.info("keel: recording {} layers{} every {} steps{}", network.tracedLayers().size(),
                network.measurable() ? "" : " (loss only)", every, folder == null ? "" : " to " + folder.trace());
    }

    private void put(Integer column, double value) {
        if (column != null && column >= 0) {
            cells[column] = value;
            present[column] = true;
        }
    }

    private void writePendingRow() {
        if (rowPending) {
            folder.row(step, cells, present);
            rowPending = false;
        }
    }

    /** Options of a {@link KeelListener}; every one has a default. */
    public static final class Builder {
        private int every = TrialConfig.DEFAULT_TRACE_EVERY;
        private boolean stopOnDivergence;
        private Path folder;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** Per-layer statistics on step 1 and every {@code steps} steps (default 10, as in a sweep). */
        public Builder every(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("every: at least 1 step, was " + steps);
            }
            this.every = steps;
            return this;
        }

        /**
         * End training (by throwing {@link TrainingStopped} out of {@code fit}) after the step at which divergence
         * is certain: a non-finite loss, an infinite gradient, a blow-up of the loss that has lasted 70 steps,
         * parameters grown 1000x. Off by default.
         */
        public Builder stopOnDivergence(boolean stop) {
            this.stopOnDivergence = stop;
            return this;
        }

        /**
         * Writes {@code trace.csv} into {@code dir} while training runs (flushed at least once a second and at every
         * epoch's end) and {@code diagnosis.json} when the run is diagnosed ({@link #finish()}, or a stop). A
         * folder of such folders is what {@code keel report} reads as a set of runs.
         */
        public Builder writeTo(Path dir) {
            this.folder = dir;
            return this;
        }

        /**
         * A classifier's number of classes: its chance level, what learning nothing costs, is ln K (the
         * cross-entropy of a uniform guess). Recorded as {@code classes} and {@code chance_loss}.
         */
        public Builder classes(int k) {
            if (k < 2) {
                throw new IllegalArgumentException("classes: a classifier has at least 2 classes, was " + k);
            }
            metadata.put(Trace.META_CLASSES, String.valueOf(k));
            metadata.put(Trace.META_CHANCE_LOSS, round(Math.log(k)));
            return this;
        }

        /**
         * The training labels' class shares (or counts): the chance level is their entropy, the cross-entropy of
         * predicting the priors, as in a sweep. Recorded as {@code classes} and {@code chance_loss}.
         */
        public Builder classPriors(double... shares) {
            if (shares.length < 2) {
                throw new IllegalArgumentException("classPriors: at least 2 classes, got " + shares.length);
            }
            double total = 0;
            for (double s : shares) {
                if (!(s >= 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException("classPriors: shares are counts or fractions >= 0, got " + s);
                }
                total += s;
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("classPriors: the shares add up to 0");
            }
            double entropy = 0;
            for (double s : shares) {
                if (s > 0) {
                    entropy -= s / total * Math.log(s / total);
                }
            }
            metadata.put(Trace.META_CLASSES, String.valueOf(shares.length));
            metadata.put(Trace.META_CHANCE_LOSS, round(entropy));
            return this;
        }

        /**
         * How many examples each validation loss given to {@code validation(loss, accuracy)} averages over, recorded
         * as {@code val_examples}: on a small validation set a few examples changing their minds move the loss, and
         * the diagnosis does not read that grain as the optimisation swinging.
         */
        public Builder validationExamples(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("validationExamples: at least 1 example, was " + n);
            }
            metadata.put(Trace.META_VAL_EXAMPLES, String.valueOf(n));
            return this;
        }

        /** The loss of predicting the target's mean (a regression's chance level), in the loss's own units. */
        public Builder chanceLoss(double loss) {
            ChanceLevel.given(loss);
            metadata.put(Trace.META_CHANCE_LOSS, round(loss));
            return this;
        }

        /**
         * A setting of this run ({@code learning_rate}, {@code batch_size}, {@code optimizer}, ...), written as
         * {@code # name=value} metadata in the trace, where {@code keel report} reads it as a knob.
         */
        public Builder setting(String name, Object value) {
            if (name == null || !name.matches("[A-Za-z_][\\w.\\-]*")) {
                throw new IllegalArgumentException("setting: a name of letters, digits, '_', '.' and '-', was " + name);
            }
            metadata.put(name, String.valueOf(value));
            return this;
        }

        public KeelListener build() {
            metadata.put("trace_every", String.valueOf(every));
            metadata.putIfAbsent(Trace.VAL_METRIC, "accuracy");
            return new KeelListener(this);
        }

        private static String round(double v) {
            return String.valueOf(Math.round(v * 1e6) / 1e6);
        }
    }
}
