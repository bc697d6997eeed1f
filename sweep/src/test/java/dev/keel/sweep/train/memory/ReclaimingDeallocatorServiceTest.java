package dev.keel.sweep.train.memory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A training thread's native objects are freed by that thread only (or once it has ended): another worker's
 * reclaim() must not free them, since the JVM may find an array unreachable while a native op of its own thread
 * still reads it (the two-worker SIGSEGV of docs/PERFORMANCE.md).
 */
class ReclaimingDeallocatorServiceTest {
    private static final int ARRAYS = 200;

    @Test
    void whatATrainingThreadDropsWaitsForThatThreadToFreeIt() throws Exception {
        NativeMemory.install();
        ReclaimingDeallocatorService service = NativeMemory.service();
        assertThat(service).isNotNull();
        NativeMemory.reclaim();
        CountDownLatch dropped = new CountDownLatch(1);
        CountDownLatch handedOver = new CountDownLatch(1);
        AtomicInteger freedByOwner = new AtomicInteger(-1);
        Thread owner = new Thread(() -> {
            NativeMemory.reclaim();
            dropArrays();
            dropped.countDown();
            try {
                handedOver.await();
            } catch (InterruptedException e) {
                return;
            }
            freedByOwner.set(service.reclaim());
        }, "test-owner");
        owner.start();
        try {
            dropped.await();
            // This thread collects and reclaims: it finds the owner's arrays unreachable, and must only hand them over.
            collectUntil(() -> service.waitingFor(owner) >= ARRAYS, service);
            assertThat(service.waitingFor(owner)).isGreaterThanOrEqualTo(ARRAYS);
        } finally {
            handedOver.countDown();
            owner.join();
        }
        assertThat(freedByOwner.get()).isGreaterThanOrEqualTo(ARRAYS);
        assertThat(service.waitingFor(owner)).isZero();
    }

    @Test
    void whatAThreadThatHasEndedDroppedIsFreedByAnyReclaimingThread() throws Exception {
        NativeMemory.install();
        ReclaimingDeallocatorService service = NativeMemory.service();
        NativeMemory.reclaim();
        Thread owner = new Thread(() -> {
            NativeMemory.reclaim();
            dropArrays();
        }, "test-ended");
        owner.start();
        owner.join();
        long before = service.freed();
        collectUntil(() -> service.freed() - before >= ARRAYS, service);
        assertThat(service.freed() - before).isGreaterThanOrEqualTo(ARRAYS);
        assertThat(service.waitingFor(owner)).isZero();
    }

    private static void dropArrays() {
        for (int i = 0; i < ARRAYS; i++) {
            Nd4j.create(DataType.FLOAT, 3, 5 + i % 7).addi(1);
        }
    }

    /** Collects and reclaims on this thread until done (up to 10 s: under load the JVM enqueues late). */
    private static void collectUntil(BooleanSupplier done, ReclaimingDeallocatorService service) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; !done.getAsBoolean() && System.nanoTime() < deadline; i++) {
            if (i % 10 == 0) {
                System.gc();
            }
            service.reclaim();
            Thread.sleep(5);
        }
    }
}
