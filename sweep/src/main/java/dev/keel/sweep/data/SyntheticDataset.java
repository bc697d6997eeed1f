package dev.keel.sweep.data;

import java.util.List;

/** A built-in dataset drawn from a seeded generator rather than read from a file. */
interface SyntheticDataset {
    /** The name after {@code builtin:}. */
    String name();

    /** The name of its target, accepted as {@code data.target}. */
    String target();

    Task task();

    /** Bumped when the generator changes, so old fingerprints stop matching. */
    int version();

    /** Same seed, same rows. */
    Generated generate(long seed);

    /**
     * @param targets class indices or values
     * @param notes   what a user should know about the data, e.g. its known curvature
     */
    record Generated(List<String> featureNames, List<String> classNames, double[][] features, double[] targets,
                     List<String> notes) {
    }
}
