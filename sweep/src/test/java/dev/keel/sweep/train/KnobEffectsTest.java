package dev.keel.sweep.train;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.Activation;
import dev.keel.sweep.config.LearningRateSchedule;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.Optimizer;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.config.WeightInit;
import dev.keel.sweep.data.PreparedData;
import org.apache.commons.math3.special.Erf;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every knob's values map to DL4J and do what their names say, checked on the network's own numbers. */
class KnobEffectsTest {
    private static final PreparedData DATA = TestDatasets.breastCancer();
    private static final NetworkShape SHAPE = NetworkShape.of(DATA);
    private static final INDArray[] BATCH = TestBatches.first(DATA, 32);

    private static TrialConfig config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TrialConfig.fromParams(m);
    }

    private static MultiLayerNetwork mlp(TrialConfig c) {
        return NetworkFactory.build(c, SHAPE, 11, 100).multiLayer();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void eachActivationIsTheFunctionItNames(Activation a) {
        MultiLayerNetwork net = mlp(config("activation", a.token(), "depth", 1, "width", 24));
        INDArray w = net.getParam("0_W");
        INDArray b = net.getParam("0_b");
        INDArray out = net.feedForward(BATCH[0], false).get(1);
        for (int r = 0; r < 32; r++) {
            for (int u = 0; u < 24; u++) {
                double z = b.getDouble(u);
                for (int i = 0; i < DATA.features(); i++) {
                    z += BATCH[0].getDouble(r, i) * w.getDouble(i, u);
                }
                double expected = apply(a, z);
                assertThat(out.getDouble(r, u)).as("%s(%s)", a.token(), z)
                        .isCloseTo(expected, within(2e-4 * (1 + Math.abs(expected))));
            }
        }
    }

    private static double apply(Activation a, double z) {
        double sigmoid = 1 / (1 + Math.exp(-z));
        return switch (a) {
            case RELU -> Math.max(0, z);
            case LEAKYRELU -> z > 0 ? z : 0.01 * z;
            case ELU -> z > 0 ? z : Math.exp(z) - 1;
            case SELU -> 1.0507009873554805 * (z > 0 ? z : 1.6732632423543772 * (Math.exp(z) - 1));
            case SWISH -> z * sigmoid;
            case GELU -> 0.5 * z * (1 + Erf.erf(z / Math.sqrt(2)));
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid;
        };
    }

    @Test
    void geluBackpropagatesItsDerivative() {
        double[] z = {-3, -1.2, -0.3, 0, 0.4, 1.5, 3};
        INDArray in = Nd4j.create(z).castTo(DataType.DOUBLE);
        INDArray eps = Nd4j.ones(DataType.DOUBLE, z.length).muli(2);
        INDArray grad = new ExactGelu().backprop(in.dup(), eps).getFirst();
        for (int i = 0; i < z.length; i++) {
            double h = 1e-5;
            double slope = (apply(Activation.GELU, z[i] + h) - apply(Activation.GELU, z[i] - h)) / (2 * h);
            assertThat(grad.getDouble(i)).isCloseTo(2 * slope, within(1e-6));
        }
    }

    @ParameterizedTest
    @EnumSource(WeightInit.class)
    void eachInitialiserDrawsFromItsDistribution(WeightInit init) {
        MultiLayerNetwork net = mlp(config("weight_init", init.token(), "depth", 1, "width", 256));
        double fanIn = DATA.features();
        double fanOut = 256;
        double[] w = net.getParam("0_W").dup().data().asDouble();
        double mean = Arrays.stream(w).average().orElseThrow();
        double var = Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / w.length;
        double max = Arrays.stream(w).map(Math::abs).max().orElseThrow();
        double expected = switch (init) {
            case XAVIER, XAVIER_UNIFORM -> 2 / (fanIn + fanOut);
            case HE, HE_UNIFORM -> 2 / fanIn;
            case LECUN_NORMAL -> 1 / fanIn;
            case NORMAL -> 1;
            case UNIFORM -> 1 / (3 * fanIn);
        };
        assertThat(var).as(init.token()).isCloseTo(expected, within(expected * 0.06));
        assertThat(mean).isCloseTo(0, within(4 * Math.sqrt(expected / w.length)));
        boolean uniform = init == WeightInit.XAVIER_UNIFORM || init == WeightInit.HE_UNIFORM || init == WeightInit.UNIFORM;
        double bound = Math.sqrt(3 * expected);
        if (uniform) {
            assertThat(max).as("uniform within ±√(3·var)").isLessThanOrEqualTo(bound * 1.0001).isGreaterThan(bound * 0.99);
        } else {
            assertThat(max).as("normal tails go past √(3·var)").isGreaterThan(bound * 1.3);
        }
    }

    /** One optimiser step from the same start as a reference network's untouched gradient. */
    private record Step(float[] before, float[] meanGradient, float[] after, MultiLayerNetwork net, double score) {
        double delta(int i) {
            return after[i] - before[i];
        }
    }

    private static Step step(TrialConfig c) {
        MultiLayerNetwork reference = mlp(c);
        reference.setInput(BATCH[0]);
        reference.setLabels(BATCH[1]);
        reference.computeGradientAndScore();
        float[] g = reference.getFlattenedGradients().dup().data().asFloat();
        for (int i = 0; i < g.length; i++) {
            g[i] /= 32;
        }
        MultiLayerNetwork net = mlp(c);
        float[] before = net.params().dup().data().asFloat();
        net.fit(BATCH[0], BATCH[1]);
        return new Step(before, g, net.params().dup().data().asFloat(), net, net.score());
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void eachOptimiserTakesItsCharacteristicFirstStep(Optimizer o) {
        double lr = 0.01;
        Step s = step(config("optimizer", o.token(), "learning_rate", lr, "depth", 1, "width", 16));
        Step adam = o == Optimizer.ADAMW ? step(config("optimizer", "adam", "learning_rate", lr, "depth", 1, "width", 16)) : null;
        boolean[] weight = weightMask(s.net());
        int checked = 0;
        for (int i = 0; i < s.before().length; i++) {
            double g = s.meanGradient()[i];
            if (Math.abs(g) < 1e-3) {
                continue;
            }
            checked++;
            double d = s.delta(i);
            switch (o) {
                case SGD -> assertThat(d).isCloseTo(-lr * g, within(1e-6));
                case MOMENTUM -> assertThat(d).as("Nesterov 0.9: first step is (1 + μ)·lr·g")
                        .isCloseTo(-1.9 * lr * g, within(1e-6));
                case ADAM -> assertThat(d).isCloseTo(-lr * Math.signum(g), within(lr * 1e-3));
                case ADAGRAD -> assertThat(d).as("history starting at ε = 1e-6")
                        .isCloseTo(-lr * g / (Math.sqrt(1e-6 + g * g) + 1e-6), within(lr * 1e-3));
                case RMSPROP -> assertThat(d).as("decay 0.95, cache starting at ε = 1e-8")
                        .isCloseTo(-lr * g / (Math.sqrt(0.95e-8 + 0.05 * g * g) + 1e-8), within(lr * 1e-3));
                case ADAMW -> {
                    double decay = weight[i] ? -lr * 0.01 * s.before()[i] : 0;
                    assertThat(d - adam.delta(i)).as("decoupled decay lr·0.01·w on weights only")
                            .isCloseTo(decay, within(1e-7));
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    /** Which entries of the flattened parameters are weights (W) rather than biases (b). */
    private static boolean[] weightMask(MultiLayerNetwork net) {
        boolean[] mask = new boolean[(int) net.numParams()];
        int at = 0;
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                int n = (int) p.getValue().length();
                java.util.Arrays.fill(mask, at, at + n, p.getKey().equals("W"));
                at += n;
            }
        }
        return mask;
    }

    @Test
    void l1AndL2RaiseTheLossByTheirPenaltyOnTheWeights() {
        Step none = step(config("depth", 2, "width", 16));
        Step l2 = step(config("depth", 2, "width", 16, "l2", 0.01));
        Step l1 = step(config("depth", 2, "width", 16, "l1", 0.001));
        double squares = 0;
        double absolute = 0;
        for (String p : List.of("0_W", "1_W", "2_W")) {
            double n2 = mlp(config("depth", 2, "width", 16)).getParam(p).norm2Number().doubleValue();
            squares += n2 * n2;
            absolute += mlp(config("depth", 2, "width", 16)).getParam(p).norm1Number().doubleValue();
        }
        assertThat(l2.score() - none.score()).isCloseTo(0.5 * 0.01 * squares, within(1e-4 * squares));
        assertThat(l1.score() - none.score()).isCloseTo(0.001 * absolute, within(1e-4 * absolute));
    }

    @Test
    void weightDecayShrinksWeightsAfterTheStepAndStaysOutOfTheLoss() {
        double lr = 0.1;
        Step none = step(config("optimizer", "sgd", "learning_rate", lr, "depth", 1, "width", 16));
        Step wd = step(config("optimizer", "sgd", "learning_rate", lr, "depth", 1, "width", 16, "weight_decay", 0.05));
        boolean[] weight = weightMask(wd.net());
        for (int i = 0; i < weight.length; i++) {
            double decay = weight[i] ? -lr * 0.05 * wd.before()[i] : 0;
            assertThat(wd.delta(i) - none.delta(i)).isCloseTo(decay, within(1e-6));
        }
        assertThat(wd.score()).isCloseTo(none.score(), within(1e-6));
    }

    @Test
    void clippingBoundsThePerLayerGradientThatReachesTheUpdater() {
        TrialConfig norm = config("optimizer", "sgd", "learning_rate", 1.0, "gradient_clipping", 0.05, "depth", 2, "width", 16);
        Step s = step(norm);
        TrialNetwork layout = NetworkFactory.build(norm, SHAPE, 11, 100);
        boolean someClipped = false;
        for (TracedLayer l : layout.tracedLayers()) {
            double raw = 0;
            double applied = 0;
            for (long i = l.paramStart(); i < l.paramStart() + l.paramCount(); i++) {
                raw += s.meanGradient()[(int) i] * s.meanGradient()[(int) i];
                applied += s.delta((int) i) * s.delta((int) i);
            }
            raw = Math.sqrt(raw);
            applied = Math.sqrt(applied);
            assertThat(applied).as(l.name()).isLessThanOrEqualTo(0.05 * (1 + 1e-4));
            if (raw > 0.05) {
                someClipped = true;
                assertThat(applied).isCloseTo(0.05, within(1e-4));
            } else {
                assertThat(applied).isCloseTo(raw, within(1e-6));
            }
        }
        assertThat(someClipped).as("the test must exercise clipping").isTrue();

        Step value = step(config("optimizer", "sgd", "learning_rate", 1.0, "gradient_clipping", "value:0.002", "depth", 2, "width", 16));
        int atBound = 0;
        for (int i = 0; i < value.before().length; i++) {
            assertThat(Math.abs(value.delta(i))).isLessThanOrEqualTo(0.002 * (1 + 1e-3));
            if (Math.abs(value.meanGradient()[i]) > 0.002) {
                atBound++;
                assertThat(Math.abs(value.delta(i))).isCloseTo(0.002, within(1e-5));
            }
        }
        assertThat(atBound).isGreaterThan(0);
    }

    @Test
    void dropoutIsTheProbabilityOfDroppingAndChangesTrainingTimeOutputsOnly() {
        MultiLayerNetwork net = mlp(config("dropout", 0.8, "depth", 2, "width", 32));
        List<INDArray> a = net.feedForward(BATCH[0], true);
        List<INDArray> b = net.feedForward(BATCH[0], true);
        assertThat(a.get(3)).isNotEqualTo(b.get(3));
        assertThat(net.feedForward(BATCH[0], false).get(3)).isEqualTo(net.feedForward(BATCH[0], false).get(3));
        assertThat(net.getLayer(0).conf().getLayer().getIDropout()).as("no dropout on the raw inputs").isNull();

        IDropout dropout = net.getLayer(1).conf().getLayer().getIDropout();
        INDArray ones = Nd4j.ones(DataType.FLOAT, 200, 100);
        INDArray out = dropout.applyDropout(ones, Nd4j.create(DataType.FLOAT, 200, 100), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        double dropped = out.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertThat(dropped).isCloseTo(0.8, within(0.02));

        MultiLayerNetwork plain = mlp(config("depth", 2, "width", 32));
        assertThat(plain.feedForward(BATCH[0], true).get(3)).isEqualTo(plain.feedForward(BATCH[0], true).get(3));
    }

    @Test
    void batchNormFollowsEachHiddenLayerAndNormalisesItOnTheBatch() {
        MultiLayerNetwork net = mlp(config("batch_norm", true, "depth", 3, "width", 16));
        long norms = Arrays.stream(net.getLayers()).filter(l -> l.conf().getLayer() instanceof BatchNormalization).count();
        assertThat(norms).isEqualTo(3);
        assertThat(net.getLayer(1).conf().getLayer().getLayerName()).isEqualTo("batchnorm_0");
        INDArray bn = net.feedForward(BATCH[0], true).get(2);
        for (int u = 0; u < 16; u++) {
            INDArray column = bn.getColumn(u);
            assertThat(column.meanNumber().doubleValue()).isCloseTo(0, within(1e-3));
            assertThat(column.varNumber().doubleValue() * 31 / 32).isCloseTo(1, within(0.02));
        }
        assertThat(Arrays.stream(mlp(config("depth", 3)).getLayers())
                .filter(l -> l.conf().getLayer() instanceof BatchNormalization)).isEmpty();
    }

    @Test
    void residualJoinsEachBlockToItsInputWithAnAddVertex() {
        for (boolean bn : new boolean[] {false, true}) {
            TrialNetwork built = NetworkFactory.build(config("residual", true, "depth", 3, "width", 16, "batch_norm", bn),
                    SHAPE, 11, 100);
            ComputationGraph g = built.graph();
            assertThat(g).isNotNull();
            Map<String, GraphVertex> vertices = g.getConfiguration().getVertices();
            String last = bn ? "batchnorm_" : "dense_";
            assertThat(vertices.get("add_1")).isInstanceOf(ElementWiseVertex.class);
            assertThat(((ElementWiseVertex) vertices.get("add_2")).getOp()).isEqualTo(ElementWiseVertex.Op.Add);
            assertThat(g.getConfiguration().getVertexInputs().get("add_1")).containsExactly(last + "0", last + "1");
            assertThat(g.getConfiguration().getVertexInputs().get("add_2")).containsExactly("add_1", last + "2");
            assertThat(g.getConfiguration().getVertexInputs().get("output")).containsExactly("add_2");
            Map<String, INDArray> acts = g.feedForward(BATCH[0], false);
            assertThat(acts.get("add_2")).isEqualTo(acts.get("add_1").add(acts.get(last + "2")));
        }
        assertThat(mlp(config("residual", false, "depth", 3))).isNotNull();
    }

    @Test
    void depthAndWidthShapeTheHiddenLayers() {
        MultiLayerNetwork net = mlp(config("depth", 4, "width", 7));
        List<DenseLayer> dense = Arrays.stream(net.getLayers()).map(l -> l.conf().getLayer())
                .filter(l -> l instanceof DenseLayer && !(l instanceof org.deeplearning4j.nn.conf.layers.OutputLayer))
                .map(l -> (DenseLayer) l).toList();
        assertThat(dense).hasSize(4).allSatisfy(d -> assertThat(d.getNOut()).isEqualTo(7));
    }

    @Test
    void cnnPutsTwoConvolutionsWithPoolingBeforeTheDenseLayersAndRefusesTabularData() {
        PreparedData digits = TestDatasets.digits(400);
        TrialConfig cnn = config("depth", 1, "width", 32).withTraining(ModelType.CNN, 10, TrialConfig.NO_TIME_LIMIT);
        MultiLayerNetwork net = NetworkFactory.build(cnn, NetworkShape.of(digits), 1, 10).multiLayer();
        assertThat(Arrays.stream(net.getLayers()).map(l -> l.conf().getLayer().getClass().getSimpleName()))
                .containsExactly("ConvolutionLayer", "SubsamplingLayer", "ConvolutionLayer", "SubsamplingLayer",
                        "DenseLayer", "OutputLayer");
        assertThat(((ConvolutionLayer) net.getLayer(2).conf().getLayer()).getNOut()).isEqualTo(32);
        assertThat(net.getLayer(1).conf().getLayer()).isInstanceOf(SubsamplingLayer.class);
        TrialOutcome o = new Trainer().train(cnn.with(Map.of("epochs", 3, "learning_rate", 0.01)), digits, 1, StopHook.NEVER);
        assertThat(o.trace().layers()).containsExactly("conv_0", "conv_1", "dense_0", "output");
        assertThat(o.metrics().get("val_accuracy")).isGreaterThan(0.5);

        assertThatThrownBy(() -> NetworkFactory.build(cnn, SHAPE, 1, 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("model.type");
    }

    @ParameterizedTest
    @EnumSource(LearningRateSchedule.class)
    void theTracesLearningRateIsTheOneTheUpdaterApplied(LearningRateSchedule schedule) {
        PreparedData iris = TestDatasets.iris();
        TrialConfig c = config("optimizer", "sgd", "learning_rate", 0.05, "lr_schedule", schedule.token(),
                "batch_size", 16, "epochs", 3, "early_stopping", "none", "depth", 1, "width", 8)
                .withTraining(ModelType.MLP, 1, TrialConfig.NO_TIME_LIMIT);
        Trace t = new Trainer().train(c, iris, 2, StopHook.NEVER).trace();
        ScheduledLearningRate expected = new ScheduledLearningRate(schedule, 0.05, 21);
        Trace.Column lr = t.column("lr").orElseThrow();
        Trace.Column grad = t.column("grad_norm/output").orElseThrow();
        Trace.Column ratio = t.column("update_ratio/output").orElseThrow();
        Trace.Column norm = t.column("param_norm/output").orElseThrow();
        assertThat(t.size()).isEqualTo(21);
        for (int r = 0; r < t.size(); r++) {
            assertThat(lr.get(r)).isEqualTo(expected.at(r));
            if (r > 0) {
                double applied = ratio.get(r) * norm.get(r - 1) / grad.get(r);
                assertThat(applied).as("step %d", r + 1).isCloseTo(lr.get(r), within(lr.get(r) * 1e-3 + 1e-9));
            }
        }
    }
}
