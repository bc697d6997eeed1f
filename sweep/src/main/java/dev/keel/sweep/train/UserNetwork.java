package dev.keel.sweep.train;

import dev.keel.sweep.config.Activation;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network keel did not build: any {@link MultiLayerNetwork} or {@link ComputationGraph}, seen from a listener on
 * it, measured by the sweep's {@link TraceRecorder}. The traced layers are those with trainable weights in the
 * network's order (batch normalisation's scale and shift, which are not weights, are left out), named as DL4J names
 * them ({@code layer0}, ... unless the configuration names them); the output layers are not hidden.
 */
public final class UserNetwork {
    private final MultiLayerNetwork multiLayer;
    private final ComputationGraph graph;
    private final List<TracedLayer> traced;
    private final List<Activation> activations;
    private final int firstTracedIndex;

    private UserNetwork(MultiLayerNetwork multiLayer, ComputationGraph graph) {
        this.multiLayer = multiLayer;
        this.graph = graph;
        Layer[] layers = multiLayer != null ? multiLayer.getLayers() : graph.getLayers();
        List<TracedLayer> found = new ArrayList<>();
        List<Activation> kinds = new ArrayList<>();
        int first = -1;
        long total = model().numParams();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            if (layers[i].numParams() == 0 || !(conf instanceof BaseLayer base)
                    || conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                continue;
            }
            INDArray p = layers[i].params();
            long start = p.data().offset();
            if (start + p.length() > total) {
                throw new IllegalStateException("layer " + conf.getLayerName() + " parameters are not a view of the network's");
            }
            found.add(new TracedLayer(conf.getLayerName(), !(layers[i] instanceof IOutputLayer), i, start, p.length()));
            kinds.add(saturating(base.getActivationFn()));
            first = first < 0 ? i : first;
        }
        this.traced = List.copyOf(found);
        this.activations = kinds;
        this.firstTracedIndex = first;
    }

    /** The network a listener was called with. */
    public static UserNetwork of(Model model) {
        if (model instanceof MultiLayerNetwork m) {
            return new UserNetwork(m, null);
        }
        if (model instanceof ComputationGraph g) {
            return new UserNetwork(null, g);
        }
        throw new IllegalArgumentException("keel traces a MultiLayerNetwork or a ComputationGraph, not a "
                + model.getClass().getName());
    }

    public Model model() {
        return multiLayer != null ? multiLayer : graph;
    }

    public List<TracedLayer> tracedLayers() {
        return traced;
    }

    /**
     * Whether per-layer statistics can be taken: the parameters are 32-bit floats (DL4J's default), which the
     * recorder reads straight from native memory without copying.
     */
    public boolean measurable() {
        return !traced.isEmpty() && model().params().dataType() == DataType.FLOAT;
    }

    /**
     * A recorder of this network's trace: per-layer statistics every {@code traceEvery} steps when
     * {@link #measurable()}, else the whole-run columns only.
     */
    public TraceRecorder recorder(int traceEvery, Map<String, String> metadata) {
        if (!measurable()) {
            return new TraceRecorder(traced, activations, traceEvery, null, null, metadata);
        }
        INDArray gradients = multiLayer != null ? multiLayer.getFlattenedGradients() : graph.getFlattenedGradients();
        if (gradients == null) {
            // DL4J makes the gradient array at the first fit; a listener may see the network just before.
            if (multiLayer != null) {
                multiLayer.initGradientsView();
                gradients = multiLayer.getFlattenedGradients();
            } else {
                graph.initGradientsView();
                gradients = graph.getFlattenedGradients();
            }
        }
        return new TraceRecorder(traced, activations, traceEvery, TrialNetwork.floatView(model().params()),
                TrialNetwork.floatView(gradients), metadata);
    }

    /** The rate the first traced layer's updater uses at the network's current iteration, or NaN. */
    public double learningRate() {
        if (firstTracedIndex < 0) {
            return Double.NaN;
        }
        Double lr = multiLayer != null ? multiLayer.getLearningRate(firstTracedIndex)
                : graph.getLearningRate(traced.get(0).name());
        return lr == null ? Double.NaN : lr;
    }

    /**
     * What DL4J's raw gradient is divided by to give the mean loss's gradient: the minibatch size, unless the
     * network was configured with {@code miniBatch(false)}.
     */
    public int gradientDivisor() {
        Layer[] layers = multiLayer != null ? multiLayer.getLayers() : graph.getLayers();
        boolean miniBatch = layers.length == 0 || layers[Math.max(0, firstTracedIndex)].conf().isMiniBatch();
        return miniBatch ? Math.max(1, model().batchSize()) : 1;
    }

    private static Activation saturating(IActivation fn) {
        if (fn instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        return fn instanceof ActivationTanH ? Activation.TANH : null;
    }
}
