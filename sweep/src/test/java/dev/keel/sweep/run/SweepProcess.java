package dev.keel.sweep.run;

import dev.keel.sweep.space.SpaceParser;

import java.nio.file.Path;

/**
 * A sweep in a process of its own, for the kill test: {@code SweepProcess SPACE.yaml OUT_DIR WORKERS}. It runs
 * as {@code keel sweep} does, without the command line around it.
 */
public final class SweepProcess {
    private SweepProcess() {
    }

    public static void main(String[] args) throws Exception {
        SweepRunner.start(SpaceParser.parse(Path.of(args[0])), Path.of(args[1]),
                new LocalExecutor(Integer.parseInt(args[2])), SweepProgress.NONE);
    }
}
