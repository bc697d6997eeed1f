package dev.keel.sweep.train.memory;

import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frees the native side of ND4J arrays once the JVM has dropped them, without ND4J's garbage-collection
 * threads.
 *
 * <p>In ND4J 1.0.0-M2.1 every array, view and workspace array owns a small native object, and DL4J makes
 * dozens per training step inside {@code fit}. ND4J frees them from a background thread fed by weak
 * references, which {@code -Dorg.bytedeco.javacpp.nopointergc=true} (the setting that makes small networks
 * fast) switches off, so each step leaked about 40 KB. This service tracks the same objects with phantom
 * references and frees them when a training thread calls {@link #reclaim()}: no extra thread, and the
 * freeing cost is paid by the thread whose work made the garbage. Op contexts are not tracked: the
 * {@link LeanOpExecutioner} frees them when ND4J closes them.
 */
final class ReclaimingDeallocatorService extends DeallocatorService {
    private static volatile boolean installed;

    private final ReferenceQueue<Deallocatable> queue = new ReferenceQueue<>();
    /** Keeps each reference reachable until the queue hands it back. */
    private final Set<Tracked> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong freed = new AtomicLong();

    static boolean isInstalled() {
        return installed;
    }

    static void markInstalled() {
        installed = true;
    }

    @Override
    public void pickObject(Deallocatable deallocatable) {
        if (deallocatable instanceof LeanOpExecutioner.ClosingOpContext) {
            return;
        }
        live.add(new Tracked(deallocatable, queue));
    }

    /** Frees everything the JVM has found unreachable since the last call; returns how many. */
    int reclaim() {
        int n = 0;
        Reference<? extends Deallocatable> r;
        while ((r = queue.poll()) != null) {
            Tracked t = (Tracked) r;
            if (live.remove(t)) {
                t.deallocator.deallocate();
                n++;
            }
        }
        if (n > 0) {
            freed.addAndGet(n);
        }
        return n;
    }

    long tracked() {
        return live.size();
    }

    long freed() {
        return freed.get();
    }

    private static final class Tracked extends PhantomReference<Deallocatable> {
        /** ND4J's deallocators hold the native handle only, never the array, so holding one keeps nothing alive. */
        final Deallocator deallocator;

        Tracked(Deallocatable referent, ReferenceQueue<Deallocatable> queue) {
            super(referent, queue);
            this.deallocator = referent.deallocator();
        }
    }
}
