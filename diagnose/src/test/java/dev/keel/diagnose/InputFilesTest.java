package dev.keel.diagnose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files a user names are read only when they are regular files, and only up to a limit (issue 17, item 6). */
class InputFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedNamingWhatItIs() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertThatThrownBy(() -> InputFiles.readBytes(Path.of("/dev/zero"), 1 << 20, "a trace file"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("/dev/zero: is a character device, not a regular file; expected a trace file");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("log.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "no mkfifo");

        // Opening a FIFO for reading blocks until someone writes: the refusal must come first.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> InputFiles.readString(fifo, 1 << 20, "a trace file"))
                        .isInstanceOf(BadInputException.class)
                        .hasMessage(fifo + ": is a FIFO (named pipe), not a regular file; expected a trace file"));
    }

    @Test
    void aFolderAndADanglingLinkAreNamedForWhatTheyAre() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("gone"));

        assertThat(InputFiles.kind(dir)).isEqualTo("a folder");
        assertThat(InputFiles.kind(link)).isEqualTo("a symbolic link to nothing");
        assertThat(InputFiles.kind(dir.resolve("absent"))).isNull();
    }

    @Test
    void aFileOverTheLimitIsRefusedSayingTheLimit() throws Exception {
        Path big = Files.write(dir.resolve("big.csv"), new byte[3 << 20]);

        assertThatThrownBy(() -> InputFiles.readBytes(big, 2 << 20, "a trace file"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(big + ": is 3 MB, more than keel reads as a trace file (at most 2 MB)");
    }

    @Test
    void aFileThatSaysItIsEmptyIsReadOnlyUpToTheLimit() {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status));

        assertThatThrownBy(() -> InputFiles.readBytes(status, 16, "a trace file"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(status + ": holds more than 16 bytes, more than keel reads as a trace file (at most"
                        + " 16 bytes)");
    }

    @Test
    void aSymbolicLinkToARegularFileIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("t.csv"), "step,loss\n1,0.5\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);

        assertThat(InputFiles.readString(link, 1 << 20, "a trace file")).isEqualTo("step,loss\n1,0.5\n");
        assertThat(new String(InputFiles.readBytes(link, 1 << 20, "a trace file"), StandardCharsets.UTF_8))
                .startsWith("step,loss");
    }
}
