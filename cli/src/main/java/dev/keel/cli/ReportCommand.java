package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code keel report RUN_DIR [RUN_DIR] [--out FILE]}: the HTML stability report, or a comparison of two sweeps. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the HTML stability report of a sweep, or compare two sweeps side by side.",
            "One self-contained file: RUN_DIR/report.html, or A/compare-<B>.html for two result folders.",
            "A folder of training logs from any tool (what keel diagnose FOLDER reads, a run's folder each, Hugging Face",
            "checkpoints) is reported as a sweep of them, with the knobs their files and names tell.",
            "Prints the path of the file written. The folders are only read."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "RUN_DIR",
            description = "A result folder (results/<run>) or a folder of logs; a second one to compare with the first.")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the page (default: RUN_DIR/report.html, or A/compare-<B>.html).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path written;
        try {
            written = ReportWriter.write(runDirs, out);
        } catch (FileSystemException e) {
            // A folder that cannot be read or an --out that cannot be written: the user's to fix.
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new BadInputException(e.getFile() + ": cannot read or write it (" + why + ")", e);
        }
        spec.commandLine().getOut().println(written);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
