package dev.keel.sweep.train.memory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class LeanOpExecutionerTest {
    @Test
    void threadsThatMeetANewShapeAtOnceAllUseThePackTheCacheKeeps() throws Exception {
        NativeMemory.install();
        LeanOpExecutioner executioner = (LeanOpExecutioner) Nd4j.getExecutioner();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int rows = 2; rows < 200; rows++) {
                INDArray array = Nd4j.zeros(DataType.FLOAT, rows, 7);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TadPack>> packs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    packs.add(pool.submit(() -> {
                        start.await();
                        return executioner.tadShapeInfoAndOffsets(array, new int[] {1});
                    }));
                }
                start.countDown();
                TadPack kept = executioner.tadShapeInfoAndOffsets(array, new int[] {1});
                for (Future<TadPack> p : packs) {
                    assertThat(p.get()).as("rows %d", rows).isSameAs(kept);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
