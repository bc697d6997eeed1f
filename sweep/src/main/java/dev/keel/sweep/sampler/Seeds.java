package dev.keel.sweep.sampler;

/**
 * Seeds derived from the sweep's seed by SplitMix64 (Steele, Lea and Flood 2014), so that every number a
 * plan holds follows from (sweep seed, position) alone and does not depend on how many trials there are.
 */
final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Streams derived from one sweep seed, kept apart so sampled values and trial seeds never coincide. */
    static final long SAMPLER_STREAM = 1;
    static final long TRIAL_STREAM = 2;
    static final long SOBOL_SHIFT_STREAM = 3;
    static final long TPE_STREAM = 4;

    private Seeds() {
    }

    /** A well-mixed 64-bit value for (seed, stream, a, b). */
    static long mix(long seed, long stream, long a, long b) {
        long h = splitMix(seed + GOLDEN_GAMMA * stream);
        h = splitMix(h + GOLDEN_GAMMA * (a + 1));
        return splitMix(h + GOLDEN_GAMMA * (b + 1));
    }

    /**
     * A trial's seed: unsigned 32 bits, so it fits an int-sized seed in Java and is accepted by numpy and
     * PyTorch when someone re-runs a trial outside keel.
     */
    static long trialSeed(long sweepSeed, int configIndex, int repeat) {
        return mix(sweepSeed, TRIAL_STREAM, configIndex, repeat) >>> 32;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
