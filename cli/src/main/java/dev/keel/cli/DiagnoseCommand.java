package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code keel diagnose FILE_OR_RUN_DIR... [--json]}: the verdict of every trace, with its evidence. Needs only
 * the diagnose module, so it never loads ND4J. A bad file is reported on stderr and the others are still
 * diagnosed; the exit code is then 2.
 */
@Command(name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {"Diagnose training logs as stable, oscillating, diverging or vanishing, and say why.",
            "Reads keel traces, JSON Lines, Keras CSVLogger files, TensorBoard scalar exports and PyTorch-style CSVs.",
            "A result folder (with sweep.json or traces/) diagnoses every trace in its traces/ folder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was diagnosed", "2:a file or folder could not be read (the others still were)"})
public final class DiagnoseCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE_OR_RUN_DIR", description = "trace files or result folders")
    List<Path> inputs;

    @Option(names = "--json", description = "one compact JSON object per file and line; nothing else on stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean bad = false;
        for (Path input : inputs) {
            List<Path> files;
            try {
                files = traceFiles(input);
            } catch (BadInputException e) {
                err.println("keel: " + e.getMessage());
                bad = true;
                continue;
            }
            for (Path file : files) {
                try {
                    Diagnosis d = diagnose(file);
                    if (json) {
                        out.println(DiagnosisJson.line(file.toString(), d));
                    } else {
                        DiagnosisPlainText.print(out, file.toString(), d);
                    }
                } catch (BadInputException e) {
                    err.println("keel: " + e.getMessage());
                    bad = true;
                }
                out.flush();
            }
        }
        err.flush();
        return bad ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private static Diagnosis diagnose(Path file) {
        Trace trace;
        try {
            trace = TraceReader.read(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (trace.size() == 0) {
            throw new BadInputException(file + ": no data rows, expected at least one row with a step and a loss");
        }
        return StabilityClassifier.classify(trace);
    }

    /** A file as it is; a result folder as the traces in its traces/ folder, in name order. */
    static List<Path> traceFiles(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        Path traces = input.resolve("traces");
        if (!Files.isDirectory(traces)) {
            throw new BadInputException(input + ": a folder without traces/, expected a trace file or a result folder"
                    + " (results/<run> with sweep.json and traces/)");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(traces)) {
            list.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (name.endsWith(".csv") || name.endsWith(".jsonl"));
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(traces + ": cannot be listed (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException(traces + ": no trace files (*.csv, *.jsonl) yet");
        }
        return files;
    }
}
