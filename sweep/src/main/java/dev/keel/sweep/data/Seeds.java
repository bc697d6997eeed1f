package dev.keel.sweep.data;

import java.nio.charset.StandardCharsets;

/**
 * Every seed keel derives from a sweep's seed, by SplitMix64 (Steele, Lea and Flood 2014): independent streams,
 * one per purpose, so that a number a plan or a split holds follows from (sweep seed, purpose, position) alone,
 * and the split does not move when a generator draws one more number or a sweep has more trials. The data
 * pipeline names its purposes ({@link #derive}); the samplers number their streams ({@link #mix}).
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Streams derived from one sweep seed, kept apart so sampled values and trial seeds never coincide. */
    public static final long SAMPLER_STREAM = 1;
    public static final long TRIAL_STREAM = 2;
    public static final long SOBOL_SHIFT_STREAM = 3;
    public static final long TPE_STREAM = 4;

    private Seeds() {
    }

    /** A seed for one named purpose (the split, a built-in data set) from the sweep's seed. */
    static long derive(long seed, String purpose) {
        long h = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = splitMix(h ^ b);
        }
        return splitMix(h);
    }

    /** A well-mixed 64-bit value for (seed, stream, a, b). */
    public static long mix(long seed, long stream, long a, long b) {
        long h = splitMix(seed + GOLDEN_GAMMA * stream);
        h = splitMix(h + GOLDEN_GAMMA * (a + 1));
        return splitMix(h + GOLDEN_GAMMA * (b + 1));
    }

    /**
     * A trial's seed: unsigned 32 bits, so it fits an int-sized seed in Java and is accepted by numpy and
     * PyTorch when someone re-runs a trial outside keel.
     */
    public static long trialSeed(long sweepSeed, int configIndex, int repeat) {
        return mix(sweepSeed, TRIAL_STREAM, configIndex, repeat) >>> 32;
    }

    /** The SplitMix64 finaliser: every input bit affects every output bit. */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
