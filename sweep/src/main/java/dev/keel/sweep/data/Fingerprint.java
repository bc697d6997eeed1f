package dev.keel.sweep.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over what fixes the prepared data: the source's bytes (or a generator's name, version and seed)
 * and the settings that pick rows and columns (target, task, split shares, stratify, seed). Two runs with
 * the same fingerprint trained on the same rows; the file's path is left out, so a moved file still matches.
 */
final class Fingerprint {
    /** Bump when a change to the pipeline would turn the same inputs into different data. */
    static final String PIPELINE_VERSION = "keel-data-1";

    private Fingerprint() {
    }

    static String of(byte[] content, String target, DataSpec spec, long seed) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update((PIPELINE_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(content);
        String settings = "\ntarget=" + target
                + "\ntask=" + (spec.task() == null ? "inferred" : spec.task().token())
                + "\nsplit=" + spec.train() + "/" + spec.validation() + "/" + spec.test()
                + "\nstratify=" + spec.stratify()
                + "\nseed=" + seed + "\n";
        sha.update(settings.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }
}
