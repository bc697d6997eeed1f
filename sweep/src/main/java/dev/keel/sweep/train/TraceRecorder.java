package dev.keel.sweep.train;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.Activation;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a trial's trace in docs/DESIGN.md's format. Every step: loss and learning rate. Every
 * {@code trace_every} steps (and on step 1): per layer, the gradient norm before the updater (of the mean
 * minibatch loss, without regularisation: what {@code loss.backward()} leaves in PyTorch), the update ratio
 * ‖Δθ‖/‖θ‖, the parameter norm after the step, the dead-unit fraction and, for sigmoid/tanh, the saturated
 * fraction.
 *
 * <p>DL4J calls {@link #onForwardPass} with the layers' outputs and {@link #onGradientCalculation} with the
 * raw gradient in the network's flattened array, before clipping and the updater rewrite it in place; the
 * trainer calls {@link #beforeStep} and {@link #afterStep} around each {@code fit}. A network keel did not build
 * ({@link UserNetwork}, for the listener a user puts on their own network) is measured by the same code.
 */
public final class TraceRecorder extends BaseTrainingListener {
    private final List<TracedLayer> layers;
    /** Per traced layer; {@code null} for one keel has no name for, which is taken as one that does not saturate. */
    private final List<Activation> activations;
    private final int traceEvery;
    private final boolean layerStatistics;
    private final Trace.Builder trace;

    private final int epochColumn;
    private final int lossColumn;
    private final int lrColumn;
    private final int valLossColumn;
    private final int valMetricColumn;
    private final int[] gradColumns;
    private final int[] ratioColumns;
    private final int[] paramColumns;
    private final int[] deadColumns;
    private final int[] saturatedColumns;

    private final FloatBuffer params;
    private final FloatBuffer gradients;
    private final float[] before;
    private final double[] gradNorm;
    private final double[] dead;
    private final double[] saturated;

    private boolean measuring;
    private int batchSize;

    TraceRecorder(TrialNetwork network, Activation activation, int traceEvery, boolean layerStatistics,
                  Map<String, String> metadata) {
        this(network.tracedLayers(), Collections.nCopies(network.tracedLayers().size(), activation), traceEvery,
                layerStatistics ? network.paramBuffer() : null, layerStatistics ? network.gradientBuffer() : null,
                metadata);
    }

    /** Per-layer statistics when {@code params} and {@code gradients} are given, else only the whole-run columns. */
    TraceRecorder(List<TracedLayer> layers, List<Activation> activations, int traceEvery, FloatBuffer params,
                  FloatBuffer gradients, Map<String, String> metadata) {
        this.layers = List.copyOf(layers);
        this.activations = new ArrayList<>(activations);
        this.traceEvery = traceEvery;
        this.layerStatistics = params != null && gradients != null;
        this.trace = Trace.builder(columns(layers, layerStatistics, activations)).metadataAll(metadata);
        epochColumn = trace.columnIndex(Trace.EPOCH);
        lossColumn = trace.columnIndex(Trace.LOSS);
        lrColumn = trace.columnIndex(Trace.LR);
        valLossColumn = trace.columnIndex(Trace.VAL_LOSS);
        valMetricColumn = trace.columnIndex(Trace.VAL_METRIC);
        gradColumns = layerColumns(Trace.GRAD_NORM);
        ratioColumns = layerColumns(Trace.UPDATE_RATIO);
        paramColumns = layerColumns(Trace.PARAM_NORM);
        deadColumns = layerColumns(Trace.DEAD_FRACTION);
        saturatedColumns = layerColumns(Trace.SATURATED_FRACTION);
        this.params = layerStatistics ? params : null;
        this.gradients = layerStatistics ? gradients : null;
        before = layerStatistics ? new float[params.capacity()] : null;
        gradNorm = new double[layers.size()];
        dead = new double[layers.size()];
        saturated = new double[layers.size()];
    }

    static List<String> columns(List<TracedLayer> layers, boolean layerStatistics, List<Activation> activations) {
        List<String> names = new ArrayList<>(Trace.RUN_COLUMNS);
        if (!layerStatistics) {
            return names;
        }
        for (String kind : Trace.LAYER_KINDS) {
            boolean hiddenOnly = kind.equals(Trace.DEAD_FRACTION) || kind.equals(Trace.SATURATED_FRACTION);
            for (int i = 0; i < layers.size(); i++) {
                TracedLayer l = layers.get(i);
                boolean saturates = LayerStatistics.saturates(activations.get(i));
                if ((!hiddenOnly || l.hidden()) && (saturates || !kind.equals(Trace.SATURATED_FRACTION))) {
                    names.add(kind + "/" + l.name());
                }
            }
        }
        return names;
    }

    /** The trace's columns, in the order they are written. */
    public List<String> columnNames() {
        return trace.columnNames();
    }

    private int[] layerColumns(String kind) {
        int[] cols = new int[layers.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = trace.columnIndex(kind + "/" + layers.get(i).name());
        }
        return cols;
    }

    /** Whether per-layer statistics are taken on this (1-based) step. */
    public boolean measures(long step) {
        return layerStatistics && (step == 1 || step % traceEvery == 0);
    }

    /**
     * Before the step's forward pass. {@code batchSize} is what DL4J's raw gradient is divided by to give the mean
     * loss's gradient: the minibatch's size, or 1 for a network configured with {@code miniBatch(false)}.
     */
    public void beforeStep(long step, int batchSize) {
        this.measuring = measures(step);
        this.batchSize = batchSize;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (measuring) {
            for (int i = 0; i < layers.size(); i++) {
                TracedLayer l = layers.get(i);
                if (l.hidden()) {
                    // activations.get(0) is the input; layer k's output is at k + 1
                    hiddenOutput(i, activations.get(l.position() + 1));
                }
            }
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (measuring) {
            for (int i = 0; i < layers.size(); i++) {
                TracedLayer l = layers.get(i);
                if (l.hidden()) {
                    hiddenOutput(i, activations.get(l.name()));
                }
            }
        }
    }

    private void hiddenOutput(int layer, INDArray out) {
        Activation activation = activations.get(layer);
        dead[layer] = LayerStatistics.deadFraction(out);
        saturated[layer] = LayerStatistics.saturates(activation)
                ? LayerStatistics.saturatedFraction(out, activation) : Double.NaN;
    }

    /**
     * A hidden layer's output given as {@code examples × units} row-major floats instead of through
     * {@link #onForwardPass}: the fused trainer's lanes. Same statistics as from an INDArray.
     */
    void hiddenOutput(int layer, float[] out, int examples, int units) {
        if (measuring) {
            Activation activation = activations.get(layer);
            dead[layer] = LayerStatistics.deadFraction(out, examples, units);
            saturated[layer] = LayerStatistics.saturates(activation)
                    ? LayerStatistics.saturatedFraction(out, examples * units, activation) : Double.NaN;
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!measuring) {
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            TracedLayer l = layers.get(i);
            // DL4J sums the gradient over the minibatch here and divides in the updater; report the mean's gradient
            gradNorm[i] = Math.sqrt(LayerStatistics.sumOfSquares(gradients, l.paramStart(), l.paramCount())) / batchSize;
        }
        params.get(0, before);
    }

    /** Adds the step's row; returns the per-layer values measured on it (empty if none). */
    public Map<String, Double> afterStep(long step, int epoch, double loss, double lr) {
        trace.addRow(step);
        trace.set(epochColumn, epoch);
        trace.set(lossColumn, loss);
        trace.set(lrColumn, lr);
        if (!measuring) {
            return Collections.emptyMap();
        }
        measuring = false;
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            TracedLayer l = layers.get(i);
            double normBefore = Math.sqrt(LayerStatistics.sumOfSquares(before, l.paramStart(), l.paramCount()));
            double normAfter = Math.sqrt(LayerStatistics.sumOfSquares(params, l.paramStart(), l.paramCount()));
            double change = Math.sqrt(LayerStatistics.sumOfSquaredChanges(params, before, l.paramStart(), l.paramCount()));
            put(values, gradColumns[i], gradNorm[i]);
            put(values, ratioColumns[i], change / normBefore);
            put(values, paramColumns[i], normAfter);
            if (l.hidden()) {
                put(values, deadColumns[i], dead[i]);
                put(values, saturatedColumns[i], saturated[i]);
            }
        }
        return values;
    }

    private void put(Map<String, Double> values, int column, double v) {
        if (column >= 0) {
            trace.set(column, v);
            values.put(trace.columnNames().get(column), v);
        }
    }

    /** Fills the validation columns of the latest row. */
    public void validation(double loss, double metric) {
        trace.set(valLossColumn, loss);
        trace.set(valMetricColumn, metric);
    }

    public Trace build() {
        return trace.build();
    }
}
