package dev.keel.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two keel processes on one result folder (issue 17, item 1): two {@code --resume} of one folder once both ran the
 * missing trials (trials.jsonl held 22 lines for 12 trials). Now the second is refused in one line, exit 2, and
 * every trial is stored once.
 */
class FolderInUseTest {
    private static final String SPACE = """
            name: busy
            method: random
            trials: 8
            seed: 5
            data: {source: builtin:iris}
            parameters:
              learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 0.01}
              width: {value: 8}
              epochs: {value: 2}
            """;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    /** keel in a JVM of its own, as the launcher runs it (its logback.xml, not the tests'). */
    private Process keel(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", "-Dkeel.log.file=" + tmp.resolve("keel.log"),
                "-Dorg.bytedeco.javacpp.nopointergc=true", "-Xss4m", Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }

    private String err(String name) throws IOException {
        return Files.readString(tmp.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    @Test
    void aSecondResumeOfAFolderInUseIsRefusedAndEveryTrialIsStoredOnce() throws Exception {
        Path space = Files.writeString(tmp.resolve("busy.yaml"), SPACE);
        Path run = tmp.resolve("run");
        assertThat(KeelCommand.commandLine().execute("sweep", space.toString(), "--out", run.toString(), "--quiet"))
                .isZero();
        // As after a kill: one trial of eight stored, seven for a resume to run.
        Path trials = run.resolve("trials.jsonl");
        Files.writeString(trials, Files.readAllLines(trials).get(0) + "\n");

        Process a = keel("a", "sweep", "--resume", run.toString(), "--quiet", "--workers", "1");
        Path lock = run.resolve(".keel.lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.readString(lock).startsWith("pid " + a.pid()))
                && a.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // Frozen while it holds the lock, so that the others certainly find the folder in use.
        signal("STOP", a);
        Process b = keel("b", "sweep", "--resume", run.toString(), "--quiet");
        Process c = keel("c", "sweep", space.toString(), "--out", run.toString(), "--quiet");
        assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(c.waitFor(120, TimeUnit.SECONDS)).isTrue();
        signal("CONT", a);
        assertThat(a.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(a.exitValue()).as(err("a")).isZero();
        assertThat(b.exitValue()).as(err("b")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err("b").lines()).as("a running resume was still in the folder").singleElement().asString()
                .startsWith("keel: " + run + ": in use by another keel (pid " + a.pid() + " on ");
        assertThat(c.exitValue()).as(err("c")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err("c").lines()).singleElement().asString().startsWith("keel: ");
        List<String> lines = Files.readAllLines(run.resolve("trials.jsonl"));
        assertThat(lines).hasSize(8);
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(',')))).doesNotHaveDuplicates();
    }
}
