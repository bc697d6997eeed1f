package dev.keel.cli;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What keel writes where an output path points (issue 17, items 2 and 3): a file output only over a regular file or
 * nothing (through a link to a regular file), a run only into a new or empty folder, everything else refused in one
 * line with exit 2, and no temporary file left behind.
 */
class OutputPathsTest {
    private static final String TINY = """
            name: tiny
            method: grid
            data: {source: builtin:iris}
            parameters:
              width: {value: 4}
              epochs: {value: 1}
            """;

    @TempDir
    Path tmp;

    private Terminal terminal;

    @BeforeEach
    void openTerminal() {
        terminal = new Terminal(tmp.resolve("keel.log"));
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    /** A stored sweep of one trial, enough for a report (its space reads back, so the report has nothing to warn of). */
    private Path run() throws IOException {
        Path run = tmp.resolve("run");
        Map<String, Object> space = Map.of("name", "r", "method", "grid", "data", Map.of("source", "builtin:digits"));
        ResultStore store = ResultStore.create(run, new SweepManifest("r", "", space, 0, 1, "test",
                "test", "2025-01-01T00:00:00Z", null));
        Trace.Builder b = Trace.builder(List.of("loss"));
        for (int s = 0; s < 30; s++) {
            b.addRow(s).set("loss", 2.3 * Math.exp(-s / 10.0) + 0.1);
        }
        store.append(new TrialRecord("t0", TrialConfig.defaults().toParams(), 0, TrialStatus.COMPLETED,
                Verdict.STABLE, 0.9, null, List.of(), Map.of("val_loss", 0.2), 1, 30, 1.0, null), b.build());
        return run;
    }

    private void assertRefusedInOneLine(int exit, String... parts) {
        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(terminal.errLines()).singleElement().asString().startsWith("keel: ").contains(parts);
        assertThat(terminal.out()).isEmpty();
    }

    private void assertNoTemporaryFilesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Path space() throws IOException {
        return Files.writeString(tmp.resolve("tiny.yaml"), TINY);
    }

    private static Path fifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).start();
        assumeTrue(p.waitFor() == 0, "no mkfifo");
        return path;
    }

    @Test
    void aReportIsWrittenThroughALinkToARegularFileAndTheLinkStays() throws IOException {
        Path run = run();
        Path real = Files.writeString(tmp.resolve("real.html"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.html"), real);

        int exit = terminal.run("report", run.toString(), "--out", link.toString());

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).content().startsWith("<!DOCTYPE html>");
        assertThat(terminal.out().strip()).isEqualTo(link.toString());
        assertNoTemporaryFilesIn(tmp);
    }

    @Test
    void aReportIsNotWrittenOverAFifoOrThroughALinkToADevice() throws Exception {
        Path run = run();
        Path pipe = fifo(tmp.resolve("pipe.html"));
        Path toDevice = Files.createSymbolicLink(tmp.resolve("null.html"), Path.of("/dev/null"));

        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", pipe.toString()),
                "--out " + pipe + ": is a FIFO (named pipe), not a regular file");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", toDevice.toString()),
                "--out " + toDevice + ": leads to /dev/null, which is a character device");

        assertThat(Files.isRegularFile(pipe)).isFalse();
        assertThat(Files.isSymbolicLink(toDevice)).isTrue();
        assertNoTemporaryFilesIn(tmp);
    }

    @Test
    void aReportIsNotWrittenAtAFolderTheRootNothingOrADanglingLink() throws IOException {
        Path run = run();
        Path folder = Files.createDirectories(tmp.resolve("reports"));
        Path dangling = Files.createSymbolicLink(tmp.resolve("gone.html"), tmp.resolve("nowhere/x.html"));

        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", folder.toString()),
                "--out " + folder + ": is a folder, not a regular file; expected the path of a file in it, such as "
                        + folder.resolve("report.html"));
        terminal.clear();
        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", "/"), "--out /: is the root folder");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", ""), "--out is empty");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", dangling.toString()),
                "is a symbolic link to nothing");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", "/proc/self"), "is a folder");

        assertThat(folder).isEmptyDirectory();
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(Path.of("null.tmp")).doesNotExist();
        assertNoTemporaryFilesIn(tmp);
    }

    @Test
    void aFileNameTooLongIsTheUsersToFixInOneLine() throws IOException {
        Path run = run();
        Path tooLong = tmp.resolve("r".repeat(300) + ".html");

        assertRefusedInOneLine(terminal.run("report", run.toString(), "--out", tooLong.toString()),
                "File name too long");
        assertNoTemporaryFilesIn(tmp);
    }

    @Test
    void aSweepIsNotWrittenIntoTheCurrentFolderTheRootAFileOrSomeonesFolder() throws IOException {
        Path space = space();
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "meow");
        Path dangling = Files.createSymbolicLink(tmp.resolve("gone"), tmp.resolve("nowhere"));

        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", ""), "--out is empty");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", "/"), "--out /: is the root folder");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", file.toString()),
                "--out " + file + ": is a file; expected a new or empty folder for the run");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", photos.toString()),
                "--out " + photos + ": is a folder that is not empty and holds no keel run");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", dangling.toString()),
                "is a symbolic link to nothing");
        terminal.clear();
        assertRefusedInOneLine(terminal.run("sweep", space.toString(), "--out", "/proc/self"),
                "--out /proc/self: is a folder that is not empty");

        assertThat(Path.of(ResultStore.MANIFEST)).doesNotExist();
        assertThat(Path.of("/", ResultStore.MANIFEST)).doesNotExist();
        assertThat(file).hasContent("mine");
        try (Stream<Path> left = Files.list(photos)) {
            assertThat(left).containsExactly(photos.resolve("cat.jpg"));
        }
    }

    @Test
    void aSweepGoesIntoAnEmptyFolderAndALongSpaceNameGetsAShortFolderName() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(terminal.run("sweep", space().toString(), "--out", empty.toString(), "--quiet"))
                .as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(empty.resolve("trials.jsonl")).content().hasLineCount(1);

        Path longName = Files.writeString(tmp.resolve("long.yaml"), TINY.replace("name: tiny", "name: "
                + "x".repeat(250)));
        Path here = Path.of("").toAbsolutePath();
        int exit;
        try {
            exit = terminal.run("sweep", longName.toString(), "--quiet");
        } finally {
            // The default folder is results/ under the current folder: tidy it away.
            try (Stream<Path> runs = Files.exists(here.resolve("results")) ? Files.list(here.resolve("results"))
                    : Stream.empty()) {
                for (Path r : runs.filter(p -> p.getFileName().toString().startsWith("xxxx")).toList()) {
                    try (Stream<Path> all = Files.walk(r)) {
                        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).containsPattern("results/x{64}-\\d{8}-\\d{6}");
    }

    @Test
    void recommendWritesOnlyIntoANewOrEmptyFolder() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "meow");

        assertRefusedInOneLine(terminal.run("recommend", "--data", "builtin:iris", "--trials", "12", "--out",
                photos.toString()), "--out " + photos + ": is a folder that is not empty; keel writes only into a new"
                + " or empty folder");
        assertThat(photos.resolve("screen")).doesNotExist();
        assertThat(photos.resolve(".keel.lock")).doesNotExist();
        assertThat(Files.exists(photos.resolve("cat.jpg"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
