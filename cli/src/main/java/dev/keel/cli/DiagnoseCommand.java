package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.DiagnosisJson;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code keel diagnose FILE_OR_RUN_DIR... [--json]}: the verdict of every trace, with its evidence; for a result
 * folder, the verdict each trial's line of trials.jsonl holds ({@link StoredVerdicts}). Needs only the diagnose
 * module and the result store's records, so it never loads ND4J. A bad file is reported on stderr and the others are
 * still diagnosed; the exit code is then 2.
 */
@Command(name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {"Diagnose training logs as stable, oscillating, diverging or vanishing, and say why.",
            "Reads keel traces, JSON Lines, Keras and fastai CSVLogger files, Keras history JSON, PyTorch Lightning",
            "metrics.csv, Hugging Face trainer_state.json, Weights & Biases and TensorBoard exports, PyTorch-style CSVs,",
            "printed training output (.txt, .log, .out: Keras, PyTorch, Lightning, Hugging Face, fastai, nanoGPT, ...)",
            "and Jupyter notebooks' outputs (.ipynb).",
            "A result folder (with traces/) shows the verdict trials.jsonl holds for each trial, and says when its trace",
            "alone reads otherwise; another folder diagnoses every log directly in it.",
            "--follow FILE follows a log while it is written: one line each time the verdict becomes evident or changes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was diagnosed (--follow: --idle ended it)",
            "2:a file or folder could not be read (the others still were)",
            "3:--follow --exit-on: the log reached that verdict", "130:--follow ended by Ctrl-C"})
public final class DiagnoseCommand implements Callable<Integer> {
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

    @Option(names = "--follow", description = {"follow one log while another program writes it (appended CSV or JSON"
            + " Lines, or a trainer_state.json or metrics.csv rewritten in place; it may not exist yet): prints"
            + " 'step N: VERDICT (confidence C): evidence' each time the verdict becomes evident or changes"})
    boolean follow;

    @Option(names = "--idle", paramLabel = "SECONDS", description = "with --follow: end after this long without new rows")
    Double idleSeconds;

    @Option(names = "--exit-on", paramLabel = "VERDICT", description = {"with --follow: end with exit code 3 when this"
            + " verdict (stable, oscillating, diverging, vanishing) is reported"})
    String exitOn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
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
        if (follow || idleSeconds != null || exitOn != null) {
            return follow(given, out, err);
        }
        boolean bad = false;
        for (Path input : inputs) {
            List<Path> files;
            StoredVerdicts stored;
            try {
                files = traceFiles(input);
                stored = isResultFolder(input) ? StoredVerdicts.of(input) : null;
            } catch (BadInputException e) {
                err.println("keel: " + e.getMessage());
                bad = true;
                continue;
            }
            for (Path file : files) {
                try {
                    Trace trace = read(file);
                    Diagnosis d = StabilityClassifier.classify(trace, given);
                    List<String> notes = trace.notes();
                    if (stored != null) {
                        StoredVerdicts.Shown shown = stored.show(file, d, notes);
                        d = shown.diagnosis();
                        notes = shown.notes();
                    }
                    if (json) {
                        out.println(DiagnosisJson.line(file.toString(), d, notes));
                    } else {
                        DiagnosisPlainText.print(out, file.toString(), d, notes);
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

    private int follow(ChanceLevel given, PrintWriter out, PrintWriter err) throws InterruptedException {
        String wrong = !follow ? "--idle and --exit-on go with --follow"
                : inputs.size() != 1 ? "--follow takes one file, got " + inputs.size()
                : Files.isDirectory(inputs.get(0)) ? "--follow takes a file, not a folder: " + inputs.get(0)
                : idleSeconds != null && !(idleSeconds > 0) ? "--idle takes a number of seconds above 0" : null;
        Verdict verdict = null;
        if (wrong == null && exitOn != null) {
            try {
                verdict = Verdict.fromToken(exitOn);
            } catch (IllegalArgumentException e) {
                wrong = "--exit-on: " + e.getMessage();
            }
        }
        if (wrong != null) {
            err.println("keel: " + wrong);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return new LogFollower(inputs.get(0), given, json, idleSeconds, verdict, out, err).run();
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
     * it ({@link LogFolders}); each in name order.
     */
    static List<Path> traceFiles(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        Path traces = input.resolve("traces");
        boolean resultFolder = Files.isDirectory(traces);
        Path folder = resultFolder ? traces : input;
        List<Path> files = new ArrayList<>();
        try {
            for (Path p : LogFolders.logsIn(folder)) {
                if (!resultFolder || isTrace(p)) {
                    files.add(p);
                }
            }
        } catch (UncheckedIOException e) {
            throw new BadInputException(folder + ": cannot be listed (" + e.getCause().getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new BadInputException(resultFolder ? traces + ": no trace files (*.csv, *.jsonl) yet"
                    : input + ": a folder with no training logs (" + LogFolders.patterns() + ") and no traces/,"
                    + " expected trace files or a result folder (results/<run>)");
        }
        return files;
    }

    private static boolean isResultFolder(Path input) {
        return Files.isDirectory(input) && Files.isDirectory(input.resolve("traces"));
    }

    private static boolean isTrace(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".jsonl");
    }
}
