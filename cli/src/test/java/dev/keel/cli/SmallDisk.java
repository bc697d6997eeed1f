package dev.keel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small file system of its own (tmpfs), to fill up or make read-only: what a full or read-only disk does to keel
 * can only be seen on one. Mounting needs root (or CAP_SYS_ADMIN); elsewhere the tests that need it are skipped.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallDisk mount(Path mountPoint, String size) throws IOException {
        Files.createDirectories(mountPoint);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString()),
                "cannot mount a tmpfs here (needs root)");
        return new SmallDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    /** Fills what is left with one file, which {@link #free()} removes. */
    void fill() throws IOException {
        fill(0);
    }

    /** Fills all but about {@code leave} bytes (tmpfs counts in pages of 4 KB). */
    void fill(long leave) throws IOException {
        long left = Files.getFileStore(mountPoint).getUsableSpace() - leave;
        try (var out = Files.newOutputStream(mountPoint.resolve("ballast"))) {
            byte[] block = new byte[4096];
            for (long written = 0; leave == 0 || written < left; written += block.length) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: that is the point.
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(mountPoint.resolve("ballast"));
    }

    void readOnly() throws IOException {
        if (!run("mount", "-o", "remount,ro", mountPoint.toString())) {
            throw new IOException("cannot remount " + mountPoint + " read-only");
        }
    }

    @Override
    public void close() {
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
