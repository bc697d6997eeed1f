package dev.keel.sweep.run;

import dev.keel.sweep.train.memory.NativeMemory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Collects the whole heap between trials once the old generation has taken in {@link #OLD_GEN_GROWTH_BYTES}
 * since the last full collection. A trial's network, layers and their native views live for seconds, so they
 * reach the old generation, which the JVM collects only when it is full: until then the process keeps the heap
 * pages they took and the native memory behind them (freed only once the JVM finds them unreachable, see
 * {@link NativeMemory}). Measured on 200 trials of small networks, the resident set then climbed by a third
 * and was still climbing; with this it levels off (docs/PERFORMANCE.md, Sweeps). Collections never take more
 * than {@link #MAX_TIME_SHARE} of the wall time, whatever the heap holds.
 */
final class HeapCompactor {
    /**
     * Old-generation growth that triggers a collection. Measured (docs/PERFORMANCE.md, Sweeps): with 8 MB the
     * resident set after 1,000 small trials was 1.06 times that after 200, for 1.7% of the wall time; 16 and 32 MB
     * let it climb higher first; collecting as often as 5% of the time allows gave the same curve with three
     * times the collections.
     */
    static final long OLD_GEN_GROWTH_BYTES = 8L << 20;
    /** Share of wall time the collections may take, whatever the heap holds. */
    static final double MAX_TIME_SHARE = 0.05;

    private final MemoryPoolMXBean oldGen = oldGeneration();
    private long usedAfterLast = oldGen == null ? 0 : oldGen.getUsage().getUsed();
    private long lastEnd = System.nanoTime();
    private long lastCost;

    /** Called by the thread that writes the store, after each stored trial. */
    void trialStored() {
        long start = System.nanoTime();
        if (start - lastEnd < lastCost / MAX_TIME_SHARE) {
            return;
        }
        if (oldGen != null && oldGen.getUsage().getUsed() - usedAfterLast < OLD_GEN_GROWTH_BYTES) {
            return;
        }
        System.gc();
        NativeMemory.reclaim();
        usedAfterLast = oldGen == null ? 0 : oldGen.getUsage().getUsed();
        lastEnd = System.nanoTime();
        lastCost = lastEnd - start;
    }

    /** The heap pool of long-lived objects ("Tenured Gen", "G1 Old Gen", "PS Old Gen"), or null. */
    private static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                return pool;
            }
        }
        return null;
    }
}
