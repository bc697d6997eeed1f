package dev.keel.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * keel run in-process as {@code main} runs it, with the production logging (cli's logback.xml, its log file in a
 * temporary folder): what a user's terminal would show on stdout and stderr, in order, warnings included.
 */
final class Terminal implements AutoCloseable {
    private final Path logFile;
    private final PrintStream systemErr = System.err;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    /** What the command itself printed on stderr, apart from the log's warnings (which {@link #err} has too). */
    private final ByteArrayOutputStream commandErrBytes = new ByteArrayOutputStream();

    Terminal(Path logFile) {
        this.logFile = logFile;
        System.setProperty(LogFiles.PROPERTY, logFile.toString());
        configure("logback.xml");
        System.setErr(errStream);
    }

    /** Runs {@code keel ARGS}; stdout and stderr accumulate until {@link #clear()}. */
    int run(String... args) {
        return run(KeelCommand.commandLine(), args);
    }

    /** Runs {@code args} on a command line made by {@link KeelCommand#commandLine()} (a test may add to it). */
    int run(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(new Tee(errStream, commandErrBytes), StandardCharsets.UTF_8),
                true));
        int exit = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return exit;
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        errStream.flush();
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    List<String> errLines() {
        return err().lines().toList();
    }

    /** The command's own lines on stderr, without the log's warnings. */
    List<String> commandErrLines() {
        return commandErrBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        outBytes.reset();
        errBytes.reset();
        commandErrBytes.reset();
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }

    /** Whether text shows a stack trace: a frame line or a "Caused by". */
    static boolean hasStackTrace(String text) {
        return text.lines().anyMatch(l -> l.startsWith("\tat ") || l.strip().startsWith("at java.")
                || l.strip().startsWith("at dev.keel.") || l.startsWith("Caused by: "));
    }

    @Override
    public void close() {
        System.setErr(systemErr);
        System.clearProperty(LogFiles.PROPERTY);
        configure("logback-test.xml");
    }

    private static void configure(String resource) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        URL config = Terminal.class.getClassLoader().getResource(resource);
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource, e);
        }
    }
}
