package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.train.memory.NativeMemory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** keel's Java Adam gives libnd4j's adam_updater numbers, on raw arrays and through a whole network's training. */
class JavaAdamTest {
    @Test
    void theJavaLoopMatchesTheNativeOpStepByStep() {
        NativeMemory.install();
        int n = 2 * JavaAdam.Updater.CHUNK + 997;
        Nd4j.getRandom().setSeed(3);
        INDArray mNative = Nd4j.zeros(DataType.FLOAT, 1, n);
        INDArray vNative = Nd4j.zeros(DataType.FLOAT, 1, n);
        INDArray mJava = mNative.dup();
        INDArray vJava = vNative.dup();
        double worst = 0;
        for (int it = 0; it < 300; it++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(it % 7 == 0 ? 100 : 0.01);
            INDArray gNative = g.dup();
            INDArray gJava = g.dup();
            Nd4j.exec(new AdamUpdater(gNative, vNative, mNative, 0.003, 0.9, 0.999, 1e-8, it));
            JavaAdam.Updater.update(gJava.data().asNioFloat(), 0, mJava.data().asNioFloat(), 0,
                    vJava.data().asNioFloat(), 0, n, 0.003, 0.9, 0.999, 1e-8, it);
            worst = Math.max(worst, relative(gJava, gNative));
            assertThat(relative(mJava, mNative)).as("m at %d", it).isLessThan(1e-6);
            assertThat(relative(vJava, vNative)).as("v at %d", it).isLessThan(1e-6);
        }
        assertThat(worst).as("update").isLessThan(1e-5);
    }

    @Test
    void aNetworkTrainedWithItEndsWithDl4jsParameters() {
        PreparedData data = TestDatasets.breastCancer();
        INDArray[] batch = TestBatches.first(data, 32);
        TrialConfig c = TrialConfig.fromParams(Map.of("optimizer", "adam", "learning_rate", 0.01, "depth", 2,
                "width", 16, "batch_norm", true));
        TrialNetwork java = NetworkFactory.build(c, NetworkShape.of(data), 5, 100);
        MultiLayerConfiguration conf = java.multiLayer().getLayerWiseConfigurations().clone();
        for (var layer : conf.getConfs()) {
            if (layer.getLayer() instanceof BaseLayer b) {
                assertThat(b.getIUpdater()).isInstanceOf(JavaAdam.class);
                b.setIUpdater(new Adam(((Adam) b.getIUpdater()).getLearningRateSchedule()));
            }
        }
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init(java.params().dup(), false);
        for (int i = 0; i < 50; i++) {
            java.fit(batch[0], batch[1]);
            plain.fit(batch[0], batch[1]);
        }
        assertThat(relative(java.params(), plain.params())).isLessThan(1e-4);
    }

    private static double relative(INDArray a, INDArray b) {
        double diff = a.sub(b).norm2Number().doubleValue();
        double scale = Math.max(b.norm2Number().doubleValue(), 1e-12);
        return diff / scale;
    }
}
