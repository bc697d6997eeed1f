package dev.keel.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the terminal when things go wrong (issue 17, items 4 and 7): one line, never a stack trace (that goes
 * to the log file), and never a control character from a file, a space or a column name.
 */
class TerminalOutputTest {
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

    /** A command that fails the way a bug or the machine would. */
    @CommandLine.Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        private final Throwable thrown;

        Crash(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            if (thrown instanceof Error e) {
                throw e;
            }
            throw (Exception) thrown;
        }
    }

    private int runThrowing(Throwable thrown) {
        CommandLine cl = KeelCommand.commandLine();
        cl.addSubcommand("crash", new Crash(thrown));
        cl.setErr(cl.getErr()); // reaches the new subcommand too
        try {
            return terminal.run(cl, "crash");
        } catch (Error escaped) {
            // As main would see it: the JVM prints the stack trace and exits with 1.
            throw new AssertionError("an Error escaped keel's handling: " + escaped);
        }
    }

    @Test
    void anInternalErrorIsOneLineAndItsStackTraceGoesToTheLogFile() {
        int exit = runThrowing(new IllegalStateException("boom\nsecond line"));

        assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
        assertThat(terminal.errLines()).containsExactly("keel: internal error: java.lang.IllegalStateException: boom\\n"
                + "second line (a bug; the stack trace is in " + tmp.resolve("keel.log") + ")");
        assertThat(terminal.log()).contains("internal error in 'crash'", "IllegalStateException: boom", "\tat ");
    }

    @Test
    void runningOutOfMemoryIsTheEnvironmentsDoingOneLineAndExit2() {
        int exit = runThrowing(new OutOfMemoryError("Java heap space"));

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(terminal.errLines()).singleElement().asString()
                .startsWith("keel: out of memory (Java heap space); give Java more with KEEL_JAVA_OPTS=-Xmx8g");
        assertThat(Terminal.hasStackTrace(terminal.err())).isFalse();
    }

    @Test
    void aFailedTrialIsOneLineNamingTheTrialAndTheLogFile() throws IOException {
        Path space = Files.writeString(tmp.resolve("wide.yaml"), """
                name: wide
                method: grid
                data: {source: builtin:iris}
                parameters:
                  width: {value: 2000000000}
                  epochs: {value: 1}
                """);

        int exit = terminal.run("sweep", space.toString(), "--out", tmp.resolve("run").toString());

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(Terminal.hasStackTrace(terminal.err())).as(terminal.err()).isFalse();
        assertThat(terminal.err()).containsPattern("\\[1/1 [^\\]]*\\] t0000-r0 failed: .*\\(details in "
                + java.util.regex.Pattern.quote(tmp.resolve("keel.log").toString()) + "\\)");
        assertThat(terminal.errLines()).filteredOn(l -> l.contains("t0000-r0")).hasSize(1);
        assertThat(terminal.log()).contains("trial t0000-r0 failed", "\tat ");
    }

    @Test
    void escapeBytesInASpaceNameAreShownEscapedOnStdoutAndStderr() throws IOException {
        Path space = Files.writeString(tmp.resolve("evil.yaml"), """
                name: "evil\\e[2J\\e]0;owned\\a"
                data: {source: builtin:iris}
                trials: 1
                parameters:
                  epochs: {value: 1}
                  width: {value: 4}
                """);

        int exit = terminal.run("sweep", space.toString(), "--out", tmp.resolve("run").toString());

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).contains("evil\\u001b[2J\\u001b]0;owned\\u0007").doesNotContain("\u001b", "\u0007");
        assertThat(terminal.err()).contains("sweep evil\\u001b[2J").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void anEscapeInATraceColumnNameIsShownEscapedInTheWarning() throws IOException {
        Path trace = Files.writeString(tmp.resolve("t.csv"), "step,loss,\u001b[2Jclear\n1,0.9,1\n2,0.5,1\n3,0.4,1\n");

        int exit = terminal.run("diagnose", trace.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(terminal.err()).contains("\\u001b[2Jclear").doesNotContain("\u001b");
    }

    @Test
    void aNewlineOrEscapeInAFileNameStaysOnOneEscapedLine() {
        int exit = terminal.run("diagnose", tmp.resolve("no\nsuch\u001b[31m.csv").toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(terminal.errLines()).singleElement().asString().contains("no\\nsuch\\u001b[31m.csv");
    }
}
