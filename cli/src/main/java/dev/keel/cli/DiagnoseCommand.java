package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.DiagnosisJson;
import dev.keel.diagnose.stability.ChanceLevel;
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
            "Reads keel traces, JSON Lines, Keras and fastai CSVLogger files, Keras history JSON, PyTorch Lightning",
            "metrics.csv, Hugging Face trainer_state.json, Weights & Biases and TensorBoard exports, PyTorch-style CSVs,",
            "printed training output (.txt, .log, .out: Keras, PyTorch, Lightning, Hugging Face, fastai, nanoGPT, ...)",
            "and Jupyter notebooks' outputs (.ipynb).",
            "A result folder (with traces/) diagnoses every trace in it; another folder, every log directly in it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was diagnosed", "2:a file or folder could not be read (the others still were)"})
public final class DiagnoseCommand implements Callable<Integer> {
    /** What other tools leave in a folder of runs: exports, and what training scripts and notebooks printed. */
    private static final List<String> FOREIGN_LOGS = List.of(".ndjson", ".json", ".txt", ".log", ".out", ".ipynb");

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_DIR", description = "trace files, result folders or folders of logs")
    List<Path> inputs;

    @Option(names = "--json", description = "one compact JSON object per file and line; nothing else on stdout")
    boolean json;

    @Option(names = "--classes", paramLabel = "K", description = {"the number of classes of a classifier's logs:"
            + " its chance level is ln K (a loss that ends there learnt nothing, however far it fell)"})
    Integer classes;

    @Option(names = "--chance-loss", paramLabel = "X", description = {"the loss of predicting the class priors or"
            + " the target's mean, in the log's own units (e.g. 0.25 for MSE on balanced 0/1 targets); wins over"
            + " --classes and over a trace's chance_loss"})
    Double chanceLoss;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChanceLevel given;
        try {
            given = chanceLoss != null ? ChanceLevel.given(chanceLoss)
                    : classes != null ? ChanceLevel.ofClasses(classes) : ChanceLevel.UNKNOWN;
        } catch (IllegalArgumentException e) {
            err.println("keel: " + (chanceLoss != null ? "--chance-loss " : "--classes ") + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
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
                    Trace trace = read(file);
                    Diagnosis d = StabilityClassifier.classify(trace, given);
                    if (json) {
                        out.println(DiagnosisJson.line(file.toString(), d, trace.notes()));
                    } else {
                        DiagnosisPlainText.print(out, file.toString(), d, trace.notes());
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

    private static Trace read(Path file) {
        Trace trace;
        try {
            trace = TraceReader.read(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (trace.size() == 0) {
            throw new BadInputException(file + ": no data rows, expected at least one row with a step and a loss");
        }
        return trace;
    }

    /**
     * A file as it is; a result folder as the traces in its traces/ folder; any other folder as the logs directly in
     * it (*.csv, *.jsonl, *.ndjson, *.json, and printed output: *.txt, *.log, *.out, *.ipynb); each in name order.
     */
    static List<Path> traceFiles(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        Path traces = input.resolve("traces");
        boolean resultFolder = Files.isDirectory(traces);
        Path folder = resultFolder ? traces : input;
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> Files.isRegularFile(p) && isLog(p, resultFolder)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot be listed (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException(resultFolder ? traces + ": no trace files (*.csv, *.jsonl) yet"
                    : input + ": a folder with no training logs (*.csv, *.jsonl, *.ndjson, *.json, *.txt, *.log, *.out,"
                    + " *.ipynb) and no traces/,"
                    + " expected trace files or a result folder (results/<run>)");
        }
        return files;
    }

    private static boolean isLog(Path p, boolean resultFolder) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".jsonl")
                || !resultFolder && FOREIGN_LOGS.stream().anyMatch(name::endsWith);
    }

}
