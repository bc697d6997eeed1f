package dev.keel.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}, declared once and mixed in with {@code @Mixin} by every command that plans trials
 * ({@code keel sweep}, {@code keel recommend}, {@code keel spaces validate}).
 */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S",
            description = "Fixes the data split, the plan and every trial's seed (default: the space file's seed; "
                    + "keel recommend: 0).")
    Long seed;

    /** The seed given, or {@code otherwise}. */
    long orElse(long otherwise) {
        return seed == null ? otherwise : seed;
    }
}
