package dev.keel.sweep.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A built network: either a {@link MultiLayerNetwork} or, with residual connections, a
 * {@link ComputationGraph}, with the layers the trace reports on and the learning-rate schedule its
 * updater follows. One trial, one thread.
 */
public final class TrialNetwork implements AutoCloseable {
    private final MultiLayerNetwork multiLayer;
    private final ComputationGraph graph;
    private final List<TracedLayer> traced;
    private final ScheduledLearningRate learningRate;
    private final INDArray[] in = new INDArray[1];
    private final INDArray[] out = new INDArray[1];

    private TrialNetwork(MultiLayerNetwork multiLayer, ComputationGraph graph, Set<String> tracedNames,
                         ScheduledLearningRate learningRate) {
        this.multiLayer = multiLayer;
        this.graph = graph;
        this.learningRate = learningRate;
        this.traced = findTraced(tracedNames);
    }

    static TrialNetwork of(MultiLayerNetwork net, List<String> traced, ScheduledLearningRate lr) {
        return new TrialNetwork(net, null, Set.copyOf(traced), lr).checkOrder(traced);
    }

    static TrialNetwork of(ComputationGraph graph, List<String> traced, ScheduledLearningRate lr) {
        return new TrialNetwork(null, graph, Set.copyOf(traced), lr).checkOrder(traced);
    }

    public Model model() {
        return multiLayer != null ? multiLayer : graph;
    }

    /** The network if it is a MultiLayerNetwork, else {@code null}. */
    public MultiLayerNetwork multiLayer() {
        return multiLayer;
    }

    /** The network if it is a ComputationGraph (residual), else {@code null}. */
    public ComputationGraph graph() {
        return graph;
    }

    /** The traced layers, from input to output. */
    public List<TracedLayer> tracedLayers() {
        return traced;
    }

    public ScheduledLearningRate learningRate() {
        return learningRate;
    }

    /** One optimiser step on a minibatch. */
    public void fit(INDArray features, INDArray labels) {
        if (multiLayer != null) {
            multiLayer.fit(features, labels);
        } else {
            in[0] = features;
            out[0] = labels;
            graph.fit(in, out);
            in[0] = null;
            out[0] = null;
        }
    }

    /** Inference-mode output (dropout off, batch norm on its running statistics); the caller owns the array. */
    public INDArray output(INDArray features) {
        return multiLayer != null ? multiLayer.output(features, false) : graph.outputSingle(false, features);
    }

    /** The last minibatch's loss, regularisation penalties included (DL4J's score). */
    public double score() {
        return model().score();
    }

    /** The flattened parameters; layers' parameters are views of it. */
    public INDArray params() {
        return model().params();
    }

    /** The flattened gradient; before the updater runs it holds the raw minibatch gradient (summed over examples). */
    public INDArray gradients() {
        return multiLayer != null ? multiLayer.getFlattenedGradients() : graph.getFlattenedGradients();
    }

    public long numParams() {
        return model().numParams();
    }

    public void setListeners(TrainingListener... listeners) {
        model().setListeners(listeners);
    }

    /** Marks an epoch as done, for anything in DL4J that counts epochs. */
    public void incrementEpoch() {
        if (multiLayer != null) {
            multiLayer.incrementEpochCount();
        } else {
            graph.incrementEpochCount();
        }
    }

    /**
     * Frees the network's native memory now: parameters, gradients and updater state. Left to the garbage
     * collector, a finished network's buffers wait for a full collection of the old generation, so a long sweep's
     * memory climbed by every network it had trained since the last one. DL4J's own {@code close()} does the same
     * but also destroys the thread's workspaces (which the next trial on this thread reuses) and calls
     * {@code System.gc()}.
     */
    @Override
    public void close() {
        INDArray state = multiLayer != null
                ? (multiLayer.getUpdater(false) == null ? null : multiLayer.getUpdater(false).getStateViewArray())
                : (graph.getUpdater(false) == null ? null : graph.getUpdater(false).getStateViewArray());
        for (INDArray owned : new INDArray[] {params(), gradients(), state}) {
            if (owned != null && owned.closeable()) {
                owned.close();
            }
        }
    }

    /** A float view of the native parameters: reading it allocates nothing. */
    FloatBuffer paramBuffer() {
        return floatView(params());
    }

    FloatBuffer gradientBuffer() {
        return floatView(gradients());
    }

    static FloatBuffer floatView(INDArray flat) {
        if (flat.dataType() != DataType.FLOAT || flat.data().offset() != 0 || flat.data().length() != flat.length()) {
            throw new IllegalStateException("expected a whole float buffer, got " + flat.dataType() + " offset "
                    + flat.data().offset() + " length " + flat.data().length() + "/" + flat.length());
        }
        return flat.data().asNioFloat();
    }

    private Layer[] layers() {
        return multiLayer != null ? multiLayer.getLayers() : graph.getLayers();
    }

    private List<TracedLayer> findTraced(Set<String> names) {
        Layer[] layers = layers();
        List<TracedLayer> out = new ArrayList<>();
        long total = numParams();
        for (int i = 0; i < layers.length; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            if (!names.contains(name)) {
                continue;
            }
            INDArray p = layers[i].params();
            long start = p.data().offset();
            if (start + p.length() > total) {
                throw new IllegalStateException("layer " + name + " parameters are not a view of the network's");
            }
            out.add(new TracedLayer(name, !"output".equals(name), i, start, p.length()));
        }
        return List.copyOf(out);
    }

    private TrialNetwork checkOrder(List<String> expected) {
        List<String> found = traced.stream().map(TracedLayer::name).toList();
        if (!found.equals(expected)) {
            throw new IllegalStateException("traced layers " + found + " differ from the built " + expected);
        }
        return this;
    }
}
