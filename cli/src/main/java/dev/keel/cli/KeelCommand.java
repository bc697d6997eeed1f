package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code keel}: the top command. Subcommands are declared here, one class each. */
@Command(name = "keel",
        mixinStandardHelpOptions = true,
        versionProvider = KeelCommand.VersionProvider.class,
        description = "Sweep hyperparameters on Deeplearning4j and diagnose which settings train stably.",
        subcommands = {SweepCommand.class, ReportCommand.class, DiagnoseCommand.class, RecommendCommand.class,
                SpacesCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (a sweep whose trials diverge still succeeds)",
                "1:internal error (a bug; details in the log file)",
                "2:bad input (usage, a space, data or trace file, an output path, a folder in use) or the environment (a full or read-only disk, a permission, memory)"})
public final class KeelCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(KeelCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The configured command line, as {@code main} runs it and tests drive it. Whatever writers it is given, it prints
     * through {@link TerminalWriter}s, so that no command can pass a control character to the terminal.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new SafeCommandLine(new KeelCommand());
        // Help in plain text: colour codes would be escaped like any other control character.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setExecutionStrategy(KeelCommand::execute);
        cl.setExecutionExceptionHandler(KeelCommand::handle);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof BadInputException || EnvironmentProblem.describe(e) != null
                ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL);
        return cl;
    }

    /** Runs the command; an {@link Error} (out of memory, a stack overflow) is handled like an exception: one line. */
    private static int execute(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) {
            CommandLine cl = parsed.subcommands().isEmpty() ? parsed.commandSpec().commandLine()
                    : last(parsed).commandSpec().commandLine();
            throw new CommandLine.ExecutionException(cl, e.toString(), e);
        }
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (!p.subcommands().isEmpty()) {
            p = p.subcommands().get(p.subcommands().size() - 1);
        }
        return p;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable problem = e instanceof CommandLine.ExecutionException && e.getCause() instanceof Error ? e.getCause() : e;
        String args = String.join(" ", parsed.originalArgs());
        if (problem instanceof BadInputException) {
            LOG.debug("bad input in '{}'", args, problem);
            err.println("keel: " + SafeText.oneLine(problem.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        String environment = EnvironmentProblem.describe(problem);
        if (environment != null) {
            LOG.warn("'{}' stopped: {}", args, environment, problem);
            err.println("keel: " + SafeText.oneLine(environment));
            return ExitCodes.BAD_INPUT;
        }
        LOG.error("internal error in '{}'", args, problem);
        err.println("keel: internal error: " + SafeText.oneLine(problem.toString()) + " (a bug; the stack trace is in "
                + LogFiles.current() + ")");
        return ExitCodes.INTERNAL;
    }

    /** A command line whose writers, set by {@code main} or by a test, are always {@link TerminalWriter}s. */
    private static final class SafeCommandLine extends CommandLine {
        SafeCommandLine(Object command) {
            super(command);
            setOut(getOut());
            setErr(getErr());
        }

        @Override
        public CommandLine setOut(PrintWriter out) {
            return super.setOut(TerminalWriter.wrap(out));
        }

        @Override
        public CommandLine setErr(PrintWriter err) {
            return super.setErr(TerminalWriter.wrap(err));
        }
    }

    /** Prints keel's and Deeplearning4j's versions. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "keel " + Versions.keel(),
                "Deeplearning4j " + Versions.dl4j() + " (nd4j-native, CPU)",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
