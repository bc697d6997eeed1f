package dev.keel.sweep.train.memory;

import org.bytedeco.javacpp.PointerScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.TadPack;
import org.nd4j.linalg.cpu.nativecpu.ops.CpuOpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ND4J's CPU executioner with the per-op native allocations of 1.0.0-M2.1 closed where they start:
 * <ul>
 *   <li>every broadcast and reduction asks for a TAD pack and wraps it in two new native buffers and a
 *       JavaCPP pointer; the packs themselves are constants cached natively, so the wrappers are cached
 *       here by (shape info, dimensions);</li>
 *   <li>every custom op (the Adam/Nesterov updaters, matrix products) builds an op context whose
 *       {@code close()} is a no-op, so the native context lives until a garbage-collection thread that
 *       {@code nopointergc} disables; here {@code close()} frees it;</li>
 *   <li>the context copies its integer/float/boolean arguments natively from JavaCPP pointers it never
 *       frees; here they are allocated in a {@link PointerScope} that frees them at once.</li>
 * </ul>
 * Installed through ND4J's {@code opexec} property by {@link NativeMemory#install()}.
 */
public class LeanOpExecutioner extends NativeOpExecutioner {
    /** Distinct (shape, dimensions) pairs are few in training; the bound only guards odd workloads. */
    private static final int MAX_CACHED_TADS = 10_000;

    private final Map<TadKey, TadPack> tads = new ConcurrentHashMap<>();

    @Override
    public TadPack tadShapeInfoAndOffsets(INDArray array, int[] dimension) {
        TadKey key = new TadKey(array.shapeInfoJava().clone(), dimension.clone());
        TadPack pack = tads.get(key);
        if (pack == null) {
            pack = super.tadShapeInfoAndOffsets(array, dimension);
            if (tads.size() < MAX_CACHED_TADS) {
                // Two trials meeting a new shape at once both build a pack: every caller must use the one the
                // cache keeps. A pack the cache dropped is reachable only from the caller's frame, the JIT may
                // let it die while the native op still reads it, and another training thread's reclaim() then
                // frees its buffers mid-op (a SIGSEGV in DataBuffer::primary(), seen with 2 workers on a sweep
                // whose batch sizes and depths vary).
                TadPack kept = tads.putIfAbsent(key, pack);
                pack = kept == null ? pack : kept;
            }
        }
        return pack;
    }

    @Override
    public OpContext buildContext() {
        return new ClosingOpContext();
    }

    private record TadKey(long[] shapeInfo, int[] dimensions) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TadKey k && Arrays.equals(shapeInfo, k.shapeInfo) && Arrays.equals(dimensions, k.dimensions);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shapeInfo) + Arrays.hashCode(dimensions);
        }
    }

    /**
     * An op context freed by {@code close()}. {@link ReclaimingDeallocatorService} does not track these, so
     * the native context is freed exactly once; before that service is installed, ND4J's own service may
     * track them, and then {@code close()} leaves the context to it.
     */
    static final class ClosingOpContext extends CpuOpContext {
        /** Read after the parent constructor handed this context to whichever deallocation service was installed. */
        private final boolean freeOnClose = ReclaimingDeallocatorService.isInstalled();
        private boolean closed;

        @Override
        public void close() {
            if (freeOnClose && !closed) {
                closed = true;
                NativeOpsHolder.getInstance().getDeviceNativeOps().deleteGraphContext((OpaqueContext) contextPointer());
            }
        }

        @Override
        public void setIArguments(long... arguments) {
            PointerScope scope = new PointerScope();
            try {
                super.setIArguments(arguments);
            } finally {
                scope.close();
            }
        }

        @Override
        public void setBArguments(boolean... arguments) {
            PointerScope scope = new PointerScope();
            try {
                super.setBArguments(arguments);
            } finally {
                scope.close();
            }
        }

        @Override
        public void setTArguments(double... arguments) {
            PointerScope scope = new PointerScope();
            try {
                super.setTArguments(arguments);
            } finally {
                scope.close();
            }
        }

        @Override
        public void setDArguments(DataType... arguments) {
            PointerScope scope = new PointerScope();
            try {
                super.setDArguments(arguments);
            } finally {
                scope.close();
            }
        }
    }
}
