package dev.keel.sweep.run;

import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Peak memory of one long sweep (bench/sweep-bench.sh memory; docs/PERFORMANCE.md, Sweeps): runs a space
 * in this process and prints the process's resident set (VmRSS) and its peak (VmHWM, from /proc/self/status)
 * after the given numbers of stored trials, then the ratio of the last peak to the first. A trial that leaves
 * native memory behind makes the peak climb with the trial count; a sweep runs for hours, so it must not.
 *
 * <p>{@code SweepMemoryBench SPACE.yaml OUT_DIR WORKERS CHECKPOINTS [TRIALS]} (e.g. {@code 10,50,100,200}); TRIALS,
 * when given, replaces the space's trial count (as {@code keel sweep --trials} does).
 *
 * <p>{@code -Dbench.pools=true} adds the heap pools' use at each checkpoint, {@code -Dbench.histo=true} the top of a
 * class histogram (a full collection), {@code -Dbench.nmt=true} the JVM's native memory by category (with
 * {@code -XX:NativeMemoryTracking=summary}).
 */
public final class SweepMemoryBench {
    private SweepMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        SweepSpace space = SpaceParser.parse(Path.of(args[0]));
        if (args.length > 4 && !args[4].isBlank()) {
            space = space.withTrials(Integer.parseInt(args[4]));
        }
        Path out = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        Set<Integer> checkpoints = new TreeSet<>();
        Arrays.stream(args[3].split(",")).map(String::trim).map(Integer::parseInt).forEach(checkpoints::add);
        long[] first = {-1};
        long[] last = {-1};
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "# %s: %d trials on %d workers; %s%n", space.name(), space.plannedTrials(),
                workers, String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                        .getInputArguments()));
        System.out.println("trials  seconds  VmRSS_MB  VmHWM_MB  heap_rss_MB  other_rss_MB  full_gcs  full_gc_s");
        SweepRunner.start(space, out, new LocalExecutor(workers), new SweepProgress() {
            private int done;

            @Override
            public void trialFinished(TrialRecord record) {
                done++;
                if (checkpoints.contains(done)) {
                    long rss = statusKb("VmRSS");
                    long hwm = statusKb("VmHWM");
                    long heap = heapRssKb();
                    long[] fullGcs = fullCollections();
                    System.out.printf(Locale.ROOT, "%6d  %7.1f  %8.1f  %8.1f  %11.1f  %12.1f  %8d  %9.2f%n", done,
                            (System.nanoTime() - started) / 1e9, rss / 1024.0, hwm / 1024.0, heap / 1024.0,
                            (rss - heap) / 1024.0, fullGcs[0], fullGcs[1] / 1e3);
                    if (Boolean.getBoolean("bench.pools")) {
                        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                                System.out.printf(Locale.ROOT, "    pool %s used %.1f peak %.1f afterGC %.1f committed %.1f%n",
                                        pool.getName(), pool.getUsage().getUsed() / 1048576.0,
                                        pool.getPeakUsage().getUsed() / 1048576.0,
                                        pool.getCollectionUsage() == null ? -1 : pool.getCollectionUsage().getUsed() / 1048576.0,
                                        pool.getUsage().getCommitted() / 1048576.0);
                            }
                        }
                    }
                    if (Boolean.getBoolean("bench.histo")) {
                        try {
                            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
                            text.toString().lines().limit(25).map(l -> "    histo " + l).forEach(System.out::println);
                        } catch (javax.management.JMException e) {
                            System.out.println("    histo unavailable: " + e);
                        }
                    }
                    if (Boolean.getBoolean("bench.nmt")) {
                        nativeMemorySummary();
                    }
                    if (first[0] < 0) {
                        first[0] = hwm;
                    }
                    last[0] = hwm;
                }
            }
        });
        System.out.printf(Locale.ROOT, "peak ratio VmHWM(last) / VmHWM(first checkpoint) = %.3f%n",
                (double) last[0] / first[0]);
    }

    /** The JVM's own native memory by category (needs -XX:NativeMemoryTracking=summary): what is not ND4J's. */
    private static void nativeMemorySummary() {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmNativeMemory", new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            text.toString().lines().filter(l -> l.startsWith("Total") || l.startsWith("-"))
                    .map(l -> "    nmt " + l.replaceAll("\\s+", " ").trim()).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            System.out.println("    nmt unavailable: " + e);
        }
    }

    /**
     * The resident part of the Java heap: the Rss of the mappings inside the heap's reservation, whose bounds the
     * JVM's {@code GC.heap_info} prints. The rest of VmRSS is native: ND4J's buffers, the JVM's own, libraries.
     */
    static long heapRssKb() {
        try {
            Object info = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcHeapInfo",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            java.util.regex.Matcher hex = java.util.regex.Pattern.compile("0x([0-9a-f]+)").matcher(info.toString());
            long low = Long.MAX_VALUE;
            long high = 0;
            while (hex.find()) {
                long address = Long.parseUnsignedLong(hex.group(1), 16);
                low = Math.min(low, address);
                high = Math.max(high, address);
            }
            long rss = 0;
            boolean inHeap = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    long from = Long.parseUnsignedLong(line.substring(0, line.indexOf('-')), 16);
                    inHeap = from >= low && from < high;
                } else if (inHeap && line.startsWith("Rss:")) {
                    rss += kb(line);
                }
            }
            return rss;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (javax.management.JMException e) {
            return -1;
        }
    }

    private static long kb(String smapsLine) {
        return Long.parseLong(smapsLine.substring(smapsLine.indexOf(':') + 1).replace("kB", "").trim());
    }

    /** Collections of the old generation so far, and their total time in ms. */
    private static long[] fullCollections() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().equals("Copy") && !gc.getName().contains("Young")) {
                count += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
        }
        return new long[] {count, millis};
    }

    /** A field of /proc/self/status in kB (Linux only). */
    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }
}
