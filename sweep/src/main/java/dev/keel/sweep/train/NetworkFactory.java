package dev.keel.sweep.train;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.GradientClipping;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.ImageShape;
import dev.keel.sweep.data.Task;
import dev.keel.sweep.train.memory.LeanComputationGraph;
import dev.keel.sweep.train.memory.LeanMultiLayerNetwork;
import dev.keel.sweep.train.memory.NativeMemory;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the DL4J network of a trial (docs/KNOBS.md has the full mapping):
 * <ul>
 *   <li>mlp: {@code depth} dense layers of {@code width} units, then the output layer (softmax +
 *       cross-entropy, or identity + mean squared error for regression);</li>
 *   <li>cnn (image data only): two 3×3 convolutions (16 and 32 channels, "same" padding), each followed by
 *       2×2 max pooling, before the dense layers;</li>
 *   <li>batch_norm: a BatchNormalization layer after each hidden dense layer's activation;</li>
 *   <li>residual: a ComputationGraph in which every dense layer after the first is a block
 *       {@code x + f(x)} joined by an element-wise add vertex. The first dense layer changes the width from
 *       the input's to {@code width}, so it is the stem the blocks start from; with depth 1 there is no block;</li>
 *   <li>dropout (the probability of dropping) on the input of every layer fed by a hidden layer.</li>
 * </ul>
 */
public final class NetworkFactory {
    /** Channels of the two convolutions of {@code model.type: cnn}. */
    static final int[] CONV_CHANNELS = {16, 32};
    static final int CONV_KERNEL = 3;
    static final int POOL = 2;

    private NetworkFactory() {
    }

    /**
     * @param plannedSteps optimiser steps the schedule is planned over (epochs × steps per epoch)
     * @throws BadInputException if {@code model.type: cnn} is asked of data that are not images
     */
    public static TrialNetwork build(TrialConfig config, NetworkShape shape, long seed, long plannedSteps) {
        NativeMemory.install();
        if (config.model() == ModelType.CNN) {
            checkImage(shape);
        }
        Nd4j.getRandom().setSeed(seed);
        ScheduledLearningRate lr = new ScheduledLearningRate(config.lrSchedule(), config.learningRate(), plannedSteps);
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .updater(Dl4jKnobs.updater(config, lr))
                .weightInit(Dl4jKnobs.weightInit(config.weightInit()))
                .activation(Dl4jKnobs.activation(config.activation()));
        if (config.gradientClipping().mode() != GradientClipping.Mode.NONE) {
            base.gradientNormalization(Dl4jKnobs.clipping(config.gradientClipping()))
                    .gradientNormalizationThreshold(config.gradientClipping().threshold());
        }
        List<Named> layers = layers(config, shape);
        List<String> traced = layers.stream().filter(Named::traced).map(Named::name).toList();
        InputType input = shape.image() != null && config.model() == ModelType.CNN
                ? InputType.convolutionalFlat(shape.image().height(), shape.image().width(), shape.image().channels())
                : InputType.feedForward(shape.inputs());
        TrialNetwork network = config.residual()
                ? TrialNetwork.of(graph(base, layers, input), traced, lr)
                : TrialNetwork.of(multiLayer(base, layers, input), traced, lr);
        Nd4j.getRandom().setSeed(seed);
        return network;
    }

    /**
     * A layer with its name; whether the trace reports on it; and, with residual connections, whether a block
     * starts here (its input is the skip) or ends here (its output joins the skip).
     */
    private record Named(String name, Layer layer, boolean traced, boolean blockStart, boolean blockEnd) {
        Named(String name, Layer layer, boolean traced) {
            this(name, layer, traced, false, false);
        }
    }

    private static List<Named> layers(TrialConfig c, NetworkShape shape) {
        List<Named> out = new ArrayList<>();
        boolean hiddenInput = false;
        if (c.model() == ModelType.CNN) {
            for (int i = 0; i < CONV_CHANNELS.length; i++) {
                out.add(new Named("conv_" + i, new ConvolutionLayer.Builder(CONV_KERNEL, CONV_KERNEL)
                        .nOut(CONV_CHANNELS[i]).stride(1, 1).convolutionMode(ConvolutionMode.Same).build(), true));
                out.add(new Named("pool_" + i, new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(POOL, POOL).stride(POOL, POOL).build(), false));
            }
            hiddenInput = true;
        }
        for (int i = 0; i < c.depth(); i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nOut(c.width());
            if (hiddenInput && c.dropout() > 0) {
                dense.dropOut(new Dropout(1 - c.dropout()));
            }
            boolean block = c.residual() && i > 0;
            out.add(new Named("dense_" + i, dense.build(), true, block, block && !c.batchNorm()));
            if (c.batchNorm()) {
                out.add(new Named("batchnorm_" + i, new BatchNormalization.Builder().build(), false, false, block));
            }
            hiddenInput = true;
        }
        OutputLayer.Builder output = shape.task() == Task.CLASSIFICATION
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(new ActivationSoftmax())
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(new ActivationIdentity());
        output.nOut(shape.outputs());
        if (c.dropout() > 0) {
            output.dropOut(new Dropout(1 - c.dropout()));
        }
        out.add(new Named("output", output.build(), true));
        // Set per layer: DL4J 1.0.0-M2.1 merges a network-wide list into each layer's copy of it and so applies
        // weight decay twice (it de-duplicates only L1 and L2).
        for (Named n : out) {
            if (n.layer() instanceof BaseLayer base && !(base instanceof BatchNormalization)) {
                base.setRegularization(Dl4jKnobs.regularization(c));
            }
        }
        return out;
    }

    private static LeanMultiLayerNetwork multiLayer(NeuralNetConfiguration.Builder base, List<Named> layers,
                                                    InputType input) {
        NeuralNetConfiguration.ListBuilder list = base.list();
        for (Named n : layers) {
            n.layer().setLayerName(n.name());
            list.layer(n.layer());
        }
        LeanMultiLayerNetwork net = new LeanMultiLayerNetwork(list.setInputType(input).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /**
     * Residual blocks: a dense layer (and its batch norm) reads the running sum {@code h}, and
     * {@code add_i = h + block_i} becomes the next {@code h}. The identity path carries no weights.
     */
    private static LeanComputationGraph graph(NeuralNetConfiguration.Builder base, List<Named> layers,
                                              InputType input) {
        ComputationGraphConfiguration.GraphBuilder g = base.graphBuilder().addInputs("input").setInputTypes(input);
        String h = "input";
        String skip = null;
        for (Named n : layers) {
            if (n.blockStart()) {
                skip = h;
            }
            g.addLayer(n.name(), n.layer(), h);
            h = n.name();
            if (n.blockEnd()) {
                String add = "add_" + n.name().substring(n.name().indexOf('_') + 1);
                g.addVertex(add, new ElementWiseVertex(ElementWiseVertex.Op.Add), skip, h);
                h = add;
            }
        }
        LeanComputationGraph net = new LeanComputationGraph(g.setOutputs("output").build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** Whether {@code model.type: cnn} can read the data; a sweep asks before its first trial. */
    public static void checkImage(NetworkShape shape) {
        ImageShape image = shape.image();
        if (image == null) {
            throw new BadInputException("model.type: cnn needs image data (e.g. builtin:digits); this dataset has "
                    + shape.inputs() + " tabular features: use model.type: mlp");
        }
        int smallest = (int) Math.pow(POOL, CONV_CHANNELS.length);
        if (image.height() < smallest || image.width() < smallest) {
            throw new BadInputException("model.type: cnn needs images of at least " + smallest + "×" + smallest
                    + " pixels, got " + image.height() + "×" + image.width());
        }
    }
}
