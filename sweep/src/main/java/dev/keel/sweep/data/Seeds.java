package dev.keel.sweep.data;

import java.nio.charset.StandardCharsets;

/**
 * Independent random streams from one sweep seed, one per purpose, so that the split does not move when a
 * generator draws one more number.
 */
final class Seeds {
    private Seeds() {
    }

    static long derive(long seed, String purpose) {
        long h = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return mix(h);
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014): every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
