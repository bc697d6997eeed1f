package dev.keel.listener.readme;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import dev.keel.listener.KeelListener;
import dev.keel.listener.TrainingStopped;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md's listener example, as a user's code outside keel's packages sees the listener (public API only): the
 * same lines, on ten classes of blobs, with a learning rate that trains and one that blows up.
 */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleDiagnosesAStableRun() throws Exception {
        String said = readmeExample(network(new Sgd(0.05)), data(1.0), dir.resolve("runs/sgd-0.05"));
        assertThat(said).startsWith("stable");
        assertThat(dir.resolve("runs/sgd-0.05/trace.csv")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("runs/sgd-0.05/diagnosis.json"))).contains("\"verdict\":\"stable\"");
    }

    @Test
    void theReadmeExampleStopsADivergingRunAndSaysHow() throws Exception {
        String said = readmeExample(network(new Sgd(50)), data(100.0), dir.resolve("runs/sgd-50"));
        assertThat(said).startsWith("keel stopped training after step ").contains("divergence is certain")
                .contains(System.lineSeparator() + "diverging");
        assertThat(Files.readString(dir.resolve("runs/sgd-50/diagnosis.json"))).contains("\"verdict\":\"diverging\"")
                .contains("\"stopped_at_step\":");
    }

    /** README.md's lines, with what they print returned instead. */
    private static String readmeExample(MultiLayerNetwork net, DataSetIterator train, Path runFolder) {
        StringBuilder printed = new StringBuilder();
        // --- README.md, "Inside your own DL4J training" ---
        KeelListener keel = KeelListener.builder()
                .classes(10)                       // chance level ln 10: a loss that ends there learnt nothing
                .stopOnDivergence(true)            // end fit() once divergence is certain (off by default)
                .writeTo(runFolder)                // trace.csv while it trains, diagnosis.json at the end
                .build();
        net.addListeners(keel);                    // any MultiLayerNetwork or ComputationGraph
        try {
            net.fit(train, 20);
        } catch (TrainingStopped stop) {           // only with stopOnDivergence(true)
            printed.append(stop.getMessage()).append(System.lineSeparator());
        }
        Diagnosis d = keel.finish();               // also runs/adam-1e-3/diagnosis.json
        printed.append(d.verdict().token()).append(": ").append(d.findings().isEmpty() ? "" : d.findings().get(0).message());
        // ---
        return printed.toString();
    }

    private static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** Ten Gaussian blobs in eight dimensions, 400 rows in minibatches of 20; {@code scale} multiplies the features. */
    private static DataSetIterator data(double scale) {
        Random rng = new Random(9);
        double[][] centres = new double[10][8];
        for (double[] c : centres) {
            for (int f = 0; f < 8; f++) {
                c[f] = 3 * rng.nextGaussian();
            }
        }
        float[][] x = new float[400][8];
        float[][] y = new float[400][10];
        for (int r = 0; r < 400; r++) {
            int k = r % 10;
            for (int f = 0; f < 8; f++) {
                x[r][f] = (float) (scale * (centres[k][f] + rng.nextGaussian()));
            }
            y[r][k] = 1;
        }
        DataSet all = new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
        return new ListDataSetIterator<>(all.asList(), 20);
    }
}
