package dev.keel.sweep.space;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Named pipes for tests: made with mkfifo(1); a test is skipped where there is none. */
final class Fifos {
    private Fifos() {
    }

    static Path make(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            return path;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        return path;
    }
}
