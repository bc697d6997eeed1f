package dev.keel.sweep.train.memory;

import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p><b>Only the thread that made an object frees it.</b> "Unreachable" is not "unused": while a native op runs,
 * ND4J's Java frame often holds only the JavaCPP pointers it passed, not the arrays behind them. In
 * {@code NativeOpExecutioner.exec(BroadcastOp)}, for one, the op (and with it the array of dimensions it made for
 * this one call) is not used again once the arguments are read, so the JIT may let it die and a collection during
 * the op enqueues it. If any thread's {@code reclaim()} freed it then, a second worker freed the first one's
 * buffers mid-op: with two workers, a SIGSEGV in {@code Broadcast<float>::exec<Add>} once in about 17 sweeps
 * (docs/PERFORMANCE.md). So an object is freed by the thread that allocated it, in its own {@code reclaim()}, which
 * runs between its ops: what another thread finds unreachable is handed over to the owner. A thread becomes a
 * reclaiming thread with its first {@code reclaim()} (the trainer calls it before it builds anything); the objects
 * of a thread that has ended, or of one that never reclaims (not a training thread), are freed by whichever
 * thread finds them, as before.
 */
final class ReclaimingDeallocatorService extends DeallocatorService {
    private static volatile boolean installed;

    private final ReferenceQueue<Deallocatable> queue = new ReferenceQueue<>();
    /** Keeps each reference reachable until it is freed. */
    private final Set<Tracked> live = ConcurrentHashMap.newKeySet();
    /** For each reclaiming thread, what other threads found unreachable and only it may free. */
    private final Map<Thread, Queue<Tracked>> handedOver = new ConcurrentHashMap<>();
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
        live.add(new Tracked(deallocatable, queue, Thread.currentThread()));
    }

    /**
     * Frees what this thread made and the JVM has found unreachable since the last call, and hands what other
     * reclaiming threads made to them; returns how many this call freed. Call between ops, never during one.
     */
    int reclaim() {
        Thread me = Thread.currentThread();
        Queue<Tracked> mine = handedOver.get(me);
        if (mine == null) {
            mine = handedOver.computeIfAbsent(me, t -> new ConcurrentLinkedQueue<>());
        }
        int n = 0;
        Tracked t;
        while ((t = mine.poll()) != null) {
            n += free(t);
        }
        boolean deadOwner = false;
        Reference<? extends Deallocatable> r;
        while ((r = queue.poll()) != null) {
            t = (Tracked) r;
            Queue<Tracked> owners = t.owner == me ? null : handedOver.get(t.owner);
            if (owners == null) {
                n += free(t);           // this thread's own, or a thread's that never reclaims
            } else if (t.owner.isAlive()) {
                owners.add(t);
            } else {
                n += free(t);           // a thread that has ended runs no op
                deadOwner = true;
            }
        }
        if (deadOwner) {
            n += forgetEndedThreads();
        }
        if (n > 0) {
            freed.addAndGet(n);
        }
        return n;
    }

    /** Frees what was handed over to threads that have ended since, and stops handing anything to them. */
    private int forgetEndedThreads() {
        int n = 0;
        for (Iterator<Map.Entry<Thread, Queue<Tracked>>> it = handedOver.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Thread, Queue<Tracked>> e = it.next();
            if (!e.getKey().isAlive()) {
                it.remove();
                Tracked t;
                while ((t = e.getValue().poll()) != null) {
                    n += free(t);
                }
            }
        }
        return n;
    }

    private int free(Tracked t) {
        if (live.remove(t)) {
            t.deallocator.deallocate();
            return 1;
        }
        return 0;
    }

    long tracked() {
        return live.size();
    }

    long freed() {
        return freed.get();
    }

    /** How many unreachable objects of {@code owner} wait for it to free them (tests). */
    int waitingFor(Thread owner) {
        Queue<Tracked> q = handedOver.get(owner);
        return q == null ? 0 : q.size();
    }

    private static final class Tracked extends PhantomReference<Deallocatable> {
        /** ND4J's deallocators hold the native handle only, never the array, so holding one keeps nothing alive. */
        final Deallocator deallocator;
        /** The thread that made the object: the only one that frees it while it runs. */
        final Thread owner;

        Tracked(Deallocatable referent, ReferenceQueue<Deallocatable> queue, Thread owner) {
            super(referent, queue);
            this.deallocator = referent.deallocator();
            this.owner = owner;
        }
    }
}
