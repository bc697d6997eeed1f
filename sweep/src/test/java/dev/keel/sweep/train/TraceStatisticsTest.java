package dev.keel.sweep.train;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.Activation;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-layer numbers of the trace are the quantities their names promise, checked against DL4J itself. */
class TraceStatisticsTest {
    private static final PreparedData DATA = TestDatasets.breastCancer();

    @Test
    void deadFractionCountsUnitsThatAreZeroOnTheWholeBatchInAnyLayout() {
        float[][] rows = {{0, 1, 0, 2, 0}, {0, 0, 0, 3, 0}, {0, 4, 0, 0, 1}};
        INDArray c = Nd4j.create(rows).castTo(DataType.FLOAT);
        assertThat(LayerStatistics.deadFraction(c)).isEqualTo(2 / 5.0);
        assertThat(LayerStatistics.deadFraction(c.dup('f'))).isEqualTo(2 / 5.0);
        INDArray conv = Nd4j.zeros(DataType.FLOAT, 2, 3, 2, 2);
        conv.putScalar(new long[] {1, 0, 1, 1}, 0.5f);
        conv.putScalar(new long[] {0, 2, 0, 1}, 0.5f);
        assertThat(LayerStatistics.deadFraction(conv)).isEqualTo(1 / 3.0);
    }

    @Test
    void saturationIsJudgedOnTheInputBeyondFive() {
        double[] inputs = {-7, -5.5, -4, 0, 4.9, 5.1, 9};
        float[] sig = new float[inputs.length];
        float[] tanh = new float[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            sig[i] = (float) (1 / (1 + Math.exp(-inputs[i])));
            tanh[i] = (float) Math.tanh(inputs[i]);
        }
        assertThat(LayerStatistics.saturatedFraction(Nd4j.create(sig, new long[] {1, 7}, DataType.FLOAT), Activation.SIGMOID))
                .isEqualTo(4 / 7.0);
        assertThat(LayerStatistics.saturatedFraction(Nd4j.create(tanh, new long[] {1, 7}, DataType.FLOAT), Activation.TANH))
                .isEqualTo(4 / 7.0);
    }

    @Test
    void gradientNormIsTheMeanLossGradientBeforeTheUpdaterAndRatiosAreTheStepsRelativeSize() {
        TrialConfig config = TrialConfig.fromParams(Map.of("activation", "relu", "optimizer", "sgd",
                "learning_rate", 0.5, "gradient_clipping", 0.01, "l2", 0.1, "depth", 2, "width", 16));
        INDArray[] batch = TestBatches.first(DATA, 32);

        // Reference: DL4J's own gradient on the same initial weights, before anything touches it.
        MultiLayerNetwork reference = NetworkFactory.build(config, NetworkShape.of(DATA), 3, 100).multiLayer();
        reference.setInput(batch[0]);
        reference.setLabels(batch[1]);
        reference.computeGradientAndScore();
        Gradient g = reference.gradient();
        List<INDArray> acts = reference.feedForward(batch[0], true);

        TrialNetwork net = NetworkFactory.build(config, NetworkShape.of(DATA), 3, 100);
        INDArray before = net.params().dup();
        TraceRecorder recorder = new TraceRecorder(net, config.activation(), 10, true, Map.of());
        net.setListeners(recorder);
        recorder.beforeStep(1, 32);
        net.fit(batch[0], batch[1]);
        Map<String, Double> values = recorder.afterStep(1, 1, net.score(), 0.5);
        Trace trace = recorder.build();

        for (TracedLayer layer : net.tracedLayers()) {
            String p = layer.position() + "_";
            double expectedGrad = Math.sqrt(sq(g.getGradientFor(p + "W")) + sq(g.getGradientFor(p + "b"))) / 32;
            INDArray b0 = slice(before, layer);
            INDArray b1 = slice(net.params(), layer);
            assertThat(values.get("grad_norm/" + layer.name())).as(layer.name()).isCloseTo(expectedGrad, within(expectedGrad * 1e-5));
            assertThat(values.get("param_norm/" + layer.name())).isCloseTo(b1.norm2Number().doubleValue(), within(1e-4));
            assertThat(values.get("update_ratio/" + layer.name()))
                    .isCloseTo(b1.sub(b0).norm2Number().doubleValue() / b0.norm2Number().doubleValue(), within(1e-6));
            if (layer.hidden()) {
                assertThat(values.get("dead_fraction/" + layer.name()))
                        .isEqualTo(LayerStatistics.deadFraction(acts.get(layer.position() + 1)));
            }
        }
        // The raw gradient exceeds the clipping threshold, so the trace is not reading the clipped one.
        assertThat(values.get("grad_norm/output")).isGreaterThan(0.01);
        assertThat(trace.layers()).containsExactly("dense_0", "dense_1", "output");
        assertThat(trace.column("saturated_fraction/dense_0")).isEmpty();
    }

    @Test
    void dl4jsRawGradientIsSummedOverTheBatchSoTheTraceDividesByItsSize() {
        TrialConfig config = TrialConfig.fromParams(Map.of("depth", 1, "width", 8));
        INDArray[] batch = TestBatches.first(DATA, 32);
        MultiLayerNetwork net = NetworkFactory.build(config, NetworkShape.of(DATA), 5, 100).multiLayer();
        net.setInput(batch[0]);
        net.setLabels(batch[1]);
        net.computeGradientAndScore();
        double raw = net.gradient().getGradientFor("1_b").getDouble(0);
        INDArray bias = net.getParam("1_b");
        double eps = 1e-2;
        org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(batch[0], batch[1]);
        bias.putScalar(0, bias.getDouble(0) + eps);
        double up = net.score(ds, false);
        bias.putScalar(0, bias.getDouble(0) - 2 * eps);
        double down = net.score(ds, false);
        double meanLossSlope = (up - down) / (2 * eps);
        assertThat(raw / 32).isCloseTo(meanLossSlope, within(Math.abs(meanLossSlope) * 0.02 + 1e-5));
    }

    private static INDArray slice(INDArray flat, TracedLayer l) {
        float[] all = flat.dup().data().asFloat();
        float[] part = java.util.Arrays.copyOfRange(all, (int) l.paramStart(), (int) (l.paramStart() + l.paramCount()));
        return Nd4j.create(part, new long[] {part.length}, DataType.FLOAT);
    }

    private static double sq(INDArray a) {
        double n = a.norm2Number().doubleValue();
        return n * n;
    }
}
