package dev.keel.sweep.store;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One keel process writes a result folder at a time (issue 17, item 1): the lock is refused while its owner lives,
 * taken over once it is gone however it ended, and taken by exactly one of several processes that try at once.
 */
@SuppressWarnings("try") // locks held for a block, not used in it
class RunLockTest {
    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** A JVM that takes the lock of {@code folder} and holds it for {@code millis}. */
    private Process holder(Path folder, long millis) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString(),
                String.valueOf(millis)).redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("locked") || line.startsWith("refused: ")) {
                return line;
            }
        }
        return "exited without a word";
    }

    @Test
    void aFolderInUseIsRefusedInOneLineNamingItsOwner() throws Exception {
        Path run = dir.resolve("run");
        Process owner = holder(run, 60_000);
        assertThat(firstLine(owner)).isEqualTo("locked");

        assertThatThrownBy(() -> RunLock.acquire(run))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(run + ": in use by another keel (pid " + owner.pid() + " on ")
                .hasMessageEndingWith("; wait for it to finish, or stop it (its stored trials are kept), then run again")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aLockWhoseOwnerWasKilledIsTakenOver() throws Exception {
        Path run = dir.resolve("run");
        Process owner = holder(run, 60_000);
        assertThat(firstLine(owner)).isEqualTo("locked");
        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        try (RunLock lock = RunLock.acquire(run)) {
            assertThat(run.resolve(RunLock.FILE)).content()
                    .startsWith("pid " + ProcessHandle.current().pid() + " on ");
        }
        assertThat(run.resolve(RunLock.FILE)).isEmptyFile();
    }

    @Test
    void ofSeveralProcessesTakingOverAtOnceExactlyOneGetsTheLock() throws Exception {
        Path run = dir.resolve("run");
        Process gone = holder(run, 60_000);
        assertThat(firstLine(gone)).isEqualTo("locked");
        gone.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        List<Process> contenders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contenders.add(holder(run, 20_000));
        }
        List<String> answers = new ArrayList<>();
        for (Process p : contenders) {
            answers.add(firstLine(p));
        }

        assertThat(answers).as(answers.toString()).filteredOn("locked"::equals).hasSize(1);
        // Each refusal names the owner, even for a process that lost the race by microseconds and found the lock
        // file still empty (it failed so under load before the refusal waited for the owner's line).
        assertThat(answers).as(answers.toString())
                .filteredOn(a -> a.startsWith("refused: " + run + ": in use by another keel (pid ")).hasSize(3);
    }

    @Test
    void theSameProcessCannotLockAFolderTwice() throws IOException {
        Path run = dir.resolve("run");
        try (RunLock first = RunLock.acquire(run)) {
            assertThatThrownBy(() -> RunLock.acquire(run)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("in use by another keel (pid " + ProcessHandle.current().pid());
        }
        try (RunLock again = RunLock.acquire(run)) {
            assertThat(again.dir()).isEqualTo(run);
        }
    }

    @Test
    void aFolderTheLockCreatedAndNothingWasWrittenToIsRemovedWithIt() throws IOException {
        Path fresh = dir.resolve("fresh");
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path used = dir.resolve("used");

        RunLock.acquire(fresh).close();
        RunLock.acquire(kept).close();
        try (RunLock lock = RunLock.acquire(used)) {
            Files.writeString(used.resolve("sweep.json"), "{}");
        }

        assertThat(fresh).doesNotExist();
        assertThat(kept).isDirectory();
        assertThat(used.resolve("sweep.json")).exists();
        assertThat(used.resolve(RunLock.FILE)).isEmptyFile();
    }

    @Test
    void aLockFilePlantedAsALinkIsNotFollowed() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path precious = Files.writeString(dir.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(run.resolve(RunLock.FILE), precious);

        assertThatThrownBy(() -> RunLock.acquire(run)).isInstanceOf(IOException.class);
        assertThat(precious).hasContent("keep me");
        Files.delete(run.resolve(RunLock.FILE));
        RunLock.acquire(run).close(); // the failed attempt left no hold behind
    }
}
