package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.train.memory.NativeMemory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** keel's native-memory handling is active and changes no number DL4J computes. */
class NativeMemoryTest {
    private static final PreparedData DATA = TestDatasets.breastCancer();

    @Test
    void installsEveryPartWhenItRunsBeforeNd4jStarts() {
        // Surefire gives this module its own JVM, and keel's trainer is the first to touch ND4J in it.
        NativeMemory.Status status = NativeMemory.install();
        assertThat(status.complete()).as(status.toString()).isTrue();
    }

    @Test
    void theLeanNetworksTrainToExactlyTheParametersOfDl4jsOwn() {
        INDArray[] batch = TestBatches.first(DATA, 32);
        for (boolean residual : new boolean[] {false, true}) {
            TrialConfig c = TrialConfig.fromParams(Map.of("residual", residual, "batch_norm", true, "l2", 0.001,
                    "weight_decay", 0.01, "gradient_clipping", 1.0, "optimizer", "adam", "depth", 3, "width", 16));
            TrialNetwork lean = NetworkFactory.build(c, NetworkShape.of(DATA), 9, 100);
            TrialNetwork again = NetworkFactory.build(c, NetworkShape.of(DATA), 9, 100);
            if (residual) {
                ComputationGraph plain = new ComputationGraph(again.graph().getConfiguration().clone());
                plain.init(again.params().dup(), false);
                for (int i = 0; i < 5; i++) {
                    lean.fit(batch[0], batch[1]);
                    plain.fit(new INDArray[] {batch[0]}, new INDArray[] {batch[1]});
                }
                assertThat(lean.params()).isEqualTo(plain.params());
            } else {
                MultiLayerNetwork plain = new MultiLayerNetwork(again.multiLayer().getLayerWiseConfigurations().clone());
                plain.init(again.params().dup(), false);
                for (int i = 0; i < 5; i++) {
                    lean.fit(batch[0], batch[1]);
                    plain.fit(batch[0], batch[1]);
                }
                assertThat(lean.params()).isEqualTo(plain.params());
            }
        }
    }

    @Test
    void nativeObjectsDroppedByTrainingAreFreed() {
        NativeMemory.install();
        long before = NativeMemory.status().freed();
        new Trainer().train(TrialConfig.fromParams(Map.of("epochs", 3)), DATA, 1, StopHook.NEVER);
        // The JVM hands cleared references over on its own thread: under load that can take a while, so wait
        // (up to 10 s, collecting again now and then) rather than spin a fixed number of times.
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; NativeMemory.status().freed() == before && System.nanoTime() < deadline; i++) {
            if (i % 20 == 0) {
                System.gc();
            }
            NativeMemory.reclaim();
            sleep(10);
        }
        assertThat(NativeMemory.status().freed()).isGreaterThan(before);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
