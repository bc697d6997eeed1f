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
                "2:bad input (usage, space file, data file, trace file)"})
public final class KeelCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(KeelCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, as {@code main} runs it and tests drive it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KeelCommand());
        cl.setExecutionExceptionHandler(KeelCommand::handle);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof BadInputException ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof BadInputException) {
            err.println("keel: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        LOG.error("internal error in '{}'", String.join(" ", parsed.originalArgs()), e);
        err.println("keel: internal error: " + e + " (a bug; the stack trace is in " + LogFiles.current() + ")");
        return ExitCodes.INTERNAL;
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
