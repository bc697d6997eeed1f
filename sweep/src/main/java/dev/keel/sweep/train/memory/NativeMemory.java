package dev.keel.sweep.train.memory;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Keeps native memory flat over millions of training steps with ND4J 1.0.0-M2.1 (docs/PERFORMANCE.md).
 *
 * <p>{@link #install()} must run before anything else touches ND4J: it names keel's shape-info provider
 * and op executioner in the system properties ND4J reads once at start-up, then replaces ND4J's
 * deallocation service. Training threads call {@link #reclaim()} every step. If ND4J was started before
 * {@code install()}, the providers cannot be swapped any more; training still works, and a warning says
 * that memory may grow.
 */
public final class NativeMemory {
    private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

    /** ND4J's property keys (org.nd4j.linalg.factory.Nd4j), read when its backend starts. */
    private static final String SHAPE_INFO_PROVIDER_KEY = "shapeinfoprovider";
    private static final String OP_EXECUTIONER_KEY = "opexec";

    private static ReclaimingDeallocatorService service;
    private static Status status;
    /** Why ND4J could not start, kept so that every caller gets the first error, not a bare NoClassDefFoundError. */
    private static Throwable failure;

    private NativeMemory() {
    }

    /** What {@link #install()} achieved, and how much it has freed. */
    public record Status(boolean shapeCache, boolean leanExecutioner, boolean reclaiming, long tracked, long freed) {
        public boolean complete() {
            return shapeCache && leanExecutioner && reclaiming;
        }
    }

    /**
     * Idempotent and thread-safe; cheap after the first call. If ND4J cannot start (its native library missing or
     * refused), every call throws the error of the first attempt, whichever thread made it.
     */
    public static synchronized Status install() {
        if (status == null) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            try {
                setIfAbsent(SHAPE_INFO_PROVIDER_KEY, CachingShapeInfoProvider.class.getName());
                setIfAbsent(OP_EXECUTIONER_KEY, LeanOpExecutioner.class.getName());
                boolean shapes = Nd4j.getShapeInfoProvider() instanceof CachingShapeInfoProvider;
                boolean ops = Nd4j.getExecutioner() instanceof LeanOpExecutioner;
                boolean reclaiming = replaceDeallocatorService();
                status = new Status(shapes, ops, reclaiming, 0, 0);
                if (!status.complete()) {
                    log.warn("ND4J started before keel could set up its memory handling (shape cache {}, executioner {},"
                            + " reclaiming {}); long runs may use more memory", shapes, ops, reclaiming);
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
        }
        return status();
    }

    /**
     * Starts ND4J ({@link #install()}) on a daemon thread of its own and returns at once, so that loading its native
     * libraries and making its executioner (about a second) overlaps whatever the caller does next, such as reading
     * the data, instead of holding up the first trial. A failure is kept for {@link #install()} to throw.
     */
    public static void startInBackground() {
        Thread starter = new Thread(() -> {
            try {
                install();
            } catch (RuntimeException | Error e) {
                log.debug("ND4J did not start in the background; the first trial reports why", e);
            }
        }, "keel-nd4j-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Frees the native side of arrays this thread made and the JVM has dropped; a no-op if not installed. Call from
     * training loops between ops, and once before a thread builds its first network: from its first call on, what
     * the thread makes is freed only by itself, never mid-op by another training thread
     * ({@link ReclaimingDeallocatorService}).
     */
    public static void reclaim() {
        ReclaimingDeallocatorService s = service;
        if (s != null) {
            s.reclaim();
        }
    }

    /** The installed service, or null (tests). */
    static ReclaimingDeallocatorService service() {
        return service;
    }

    public static synchronized Status status() {
        if (status == null) {
            return new Status(false, false, false, 0, 0);
        }
        ReclaimingDeallocatorService s = service;
        return new Status(status.shapeCache(), status.leanExecutioner(), status.reclaiming(),
                s == null ? 0 : s.tracked(), s == null ? 0 : s.freed());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** ND4J offers no setter for its deallocation service; the field has been stable since 1.0.0-beta. */
    private static boolean replaceDeallocatorService() {
        try {
            Nd4j.getDeallocatorService();
            Field field = Nd4j.class.getDeclaredField("deallocatorService");
            field.setAccessible(true);
            ReclaimingDeallocatorService replacement = new ReclaimingDeallocatorService();
            field.set(null, replacement);
            ReclaimingDeallocatorService.markInstalled();
            service = replacement;
            return Nd4j.getDeallocatorService() == replacement;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("cannot replace ND4J's deallocation service ({}); native memory may grow", e.toString());
            return false;
        }
    }
}
