package dev.keel.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** When {@link BrowserTest} runs and when it skips: a machine with Chromium but no chromedriver skips, not fails. */
class BrowserTestSkipTest {
    @Test
    void runsOnlyWithBothTheBrowserAndItsDriver(@TempDir Path dir) throws Exception {
        Path chromium = executable(dir.resolve("chromium"));
        Path chromedriver = executable(dir.resolve("chromedriver"));
        Path missing = dir.resolve("missing");

        assertThat(BrowserTest.canRun(chromium, chromedriver)).isTrue();
        assertThat(BrowserTest.canRun(chromium, missing)).as("Chromium without chromedriver").isFalse();
        assertThat(BrowserTest.canRun(missing, chromedriver)).as("chromedriver without Chromium").isFalse();
        assertThat(BrowserTest.canRun(missing, missing)).isFalse();
        assertThat(BrowserTest.SKIPPED).contains("Chromium", "chromedriver", "apt-get install chromium chromium-driver");
    }

    private static Path executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
