package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.run.LocalExecutor;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of the commands that run trials ({@code keel sweep}, {@code keel recommend}), declared once and
 * mixed in with {@code @Mixin}: where the run goes, how many trials run at once, and whether progress is shown.
 */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the run, a new or empty folder (default: under results/, named after the "
                    + "run and the time).")
    Path out;

    @Option(names = "--workers", paramLabel = "N",
            description = "Trials run in parallel, one thread each (default: available cores).")
    Integer workers;

    @Option(names = "--quiet", description = "No progress on stderr; results on stdout only.")
    boolean quiet;

    /** The workers asked for, or one per available core; fewer than one is bad input. */
    int threads() {
        if (workers != null && workers < 1) {
            throw new BadInputException("--workers must be >= 1, was " + workers);
        }
        return workers == null ? LocalExecutor.defaultWorkers() : workers;
    }
}
