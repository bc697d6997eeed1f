package dev.keel.listener;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceCsvWriter;
import dev.keel.diagnose.trace.TraceReader;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The listener on networks keel did not build: what it records, how it diagnoses, how it stops. */
class KeelListenerTest {
    private static final DataSet DATA = Blobs.of(300, 1.0, 7);

    @TempDir
    Path dir;

    @Test
    void recordsASweepsTraceOfAUsersNetworkAndDiagnosesAStableRun() throws Exception {
        MultiLayerNetwork net = mlp(new Adam(0.01), Activation.RELU, 11);
        KeelListener keel = KeelListener.builder().classes(Blobs.CLASSES).writeTo(dir.resolve("run"))
                .setting("learning_rate", 0.01).validationExamples(60).build();
        net.setListeners(keel);
        net.fit(Blobs.batches(DATA, 16), 8);
        Diagnosis d = keel.finish();

        Trace trace = keel.trace();
        int steps = 8 * 19; // 300 rows in batches of 16: 19 an epoch, the last of 12
        assertThat(trace.size()).isEqualTo(steps).isEqualTo((int) keel.steps());
        assertThat(trace.layers()).containsExactly("layer0", "layer1", "layer2");
        assertThat(trace.column("grad_norm/layer0").orElseThrow().present().cardinality())
                .as("step 1 and every 10th").isEqualTo(1 + steps / 10);
        assertThat(trace.column("dead_fraction/layer1")).isPresent();
        assertThat(trace.column("dead_fraction/layer2")).as("the output layer is not hidden").isEmpty();
        assertThat(trace.column("saturated_fraction/layer0")).as("relu does not saturate").isEmpty();
        assertThat(trace.column("lr").orElseThrow().get(0)).isEqualTo(0.01);
        assertThat(trace.column("epoch").orElseThrow().get(trace.size() - 1)).isEqualTo(8);
        assertThat(trace.metadata()).containsEntry("classes", "3").containsEntry("chance_loss", "1.098612")
                .containsEntry("trace_every", "10").containsEntry("learning_rate", "0.01")
                .containsEntry("val_examples", "60");
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);

        // The file written row by row holds exactly what the finished trace writes, and reads back as it.
        StringWriter whole = new StringWriter();
        TraceCsvWriter.write(trace, whole);
        Path file = dir.resolve("run/trace.csv");
        assertThat(Files.readString(file)).isEqualTo(whole.toString());
        assertThat(StabilityClassifier.classify(TraceReader.read(file))).isEqualTo(d);
        JsonNode json = Json.mapper().readTree(dir.resolve("run/diagnosis.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("stable");
        assertThat(json.get("steps").asLong()).isEqualTo(steps);
        assertThat(json.get("stopped_at_step").isNull()).isTrue();
        assertThat(json.get("file").asText()).isEqualTo(file.toString());
    }

    @Test
    void theGradientNormIsTheMeanLossGradientBeforeTheUpdater() {
        MultiLayerNetwork net = mlp(new Sgd(0.1), Activation.TANH, 3);
        MultiLayerNetwork reference = net.clone();
        DataSet batch = (DataSet) DATA.getRange(0, 32);
        reference.setInput(batch.getFeatures());
        reference.setLabels(batch.getLabels());
        reference.computeGradientAndScore();
        Gradient g = reference.gradient();
        INDArray before = net.params().dup();

        KeelListener keel = KeelListener.create();
        net.setListeners(keel);
        net.fit(batch);
        Trace trace = keel.trace();

        double w = g.getGradientFor("0_W").norm2Number().doubleValue();
        double b = g.getGradientFor("0_b").norm2Number().doubleValue();
        double expected = Math.sqrt(w * w + b * b) / 32;
        assertThat(trace.column("grad_norm/layer0").orElseThrow().get(0)).isCloseTo(expected, within(expected * 1e-5));
        double change = net.params().sub(before).norm2Number().doubleValue();
        assertThat(change).isPositive();
        assertThat(trace.column("saturated_fraction/layer0")).as("tanh saturates").isPresent();
        assertThat(trace.column("loss").orElseThrow().get(0)).isEqualTo(net.score());
    }

    @Test
    void stopsTrainingWhenDivergenceIsCertainIfAskedAndSaysHow() throws Exception {
        MultiLayerNetwork net = mlp(new Sgd(50), Activation.RELU, 5);
        KeelListener keel = KeelListener.builder().stopOnDivergence(true).writeTo(dir.resolve("blown")).build();
        net.setListeners(keel);
        DataSet wild = Blobs.of(300, 100, 8);

        assertThatThrownBy(() -> net.fit(Blobs.batches(wild, 16), 20))
                .isInstanceOfSatisfying(TrainingStopped.class, stop -> {
                    assertThat(stop.getMessage()).startsWith("keel stopped training after step " + stop.step()
                            + ": divergence is certain (").contains(dir.resolve("blown").toString());
                    assertThat(stop.diagnosis().verdict()).isEqualTo(Verdict.DIVERGING);
                    assertThat(stop.step()).isEqualTo(keel.steps()).isLessThan(20 * 19);
                });
        assertThat(keel.divergenceCertain()).isPresent();
        JsonNode json = Json.mapper().readTree(dir.resolve("blown/diagnosis.json").toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("diverging");
        assertThat(json.get("stopped_at_step").asLong()).isEqualTo(keel.divergenceCertain().get().step());
        assertThat(json.get("stop_reason").asText()).isEqualTo(keel.divergenceCertain().get().reason());
        assertThat(TraceReader.read(dir.resolve("blown/trace.csv")).size()).isEqualTo((int) keel.steps());
    }

    @Test
    void letsADivergingRunTrainOnByDefault() {
        MultiLayerNetwork net = mlp(new Sgd(50), Activation.RELU, 5);
        KeelListener keel = KeelListener.create();
        net.setListeners(keel);
        net.fit(Blobs.batches(Blobs.of(300, 100, 8), 16), 3);
        assertThat(keel.steps()).isEqualTo(3 * 19);
        assertThat(keel.divergenceCertain()).isPresent();
        assertThat(keel.finish().verdict()).isEqualTo(Verdict.DIVERGING);
    }

    @Test
    void recordsAComputationGraphByItsLayerNames() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(Blobs.FEATURES).nOut(16).activation(Activation.SIGMOID)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16)
                        .nOut(Blobs.CLASSES).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        KeelListener keel = KeelListener.builder().every(5).classPriors(100, 100, 100).build();
        graph.setListeners(keel);
        graph.fit(Blobs.batches(DATA, 30), 2);

        Trace trace = keel.trace();
        assertThat(trace.size()).isEqualTo(20);
        assertThat(trace.layers()).containsExactly("hidden", "out");
        assertThat(trace.column("saturated_fraction/hidden").orElseThrow().present().cardinality()).isEqualTo(1 + 4);
        assertThat(trace.column("update_ratio/out").orElseThrow().get(0)).isPositive();
        assertThat(trace.metadata()).containsEntry("chance_loss", "1.098612").containsEntry("network", "ComputationGraph");
    }

    @Test
    void oneListenerRecordsOneNetwork() {
        KeelListener keel = KeelListener.create();
        MultiLayerNetwork a = mlp(new Adam(0.01), Activation.RELU, 1);
        MultiLayerNetwork b = mlp(new Adam(0.01), Activation.RELU, 2);
        a.setListeners(keel);
        b.setListeners(keel);
        a.fit(DATA.getRange(0, 16));
        assertThatThrownBy(() -> b.fit(DATA.getRange(0, 16))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one network");
    }

    static MultiLayerNetwork mlp(IUpdater updater, Activation activation, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(Blobs.FEATURES).nOut(32).activation(activation).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(activation).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(Blobs.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
