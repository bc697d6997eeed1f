package dev.keel.cli;

import dev.keel.sweep.recommend.Candidate;
import dev.keel.sweep.recommend.RecommendRequest;
import dev.keel.sweep.recommend.Recommendation;
import dev.keel.sweep.recommend.Recommender;
import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.RunFolder;
import dev.keel.sweep.store.RunFolders;
import dev.keel.sweep.store.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code keel recommend}: defaults for a new dataset, chosen by a screen and a confirmation on several seeds. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Choose settings that train stably and well on a new dataset: a broad Sobol screen, then "
                + "the best stable candidates and the plain defaults re-run on several seeds.",
                "Writes recommended.yaml (runs as is with keel sweep) and the report of both stages."})
final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "CSV_OR_BUILTIN",
            description = "A CSV file with a header row, or builtin:NAME (iris, digits, breast_cancer, diabetes, ...).")
    String data;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "The column to predict (required for a CSV; a built-in dataset has its own).")
    String target;

    @Option(names = "--budget", paramLabel = "MINUTES",
            description = "Wall-clock budget for both stages (default: 5 minutes).")
    Double budget;

    @Option(names = "--trials", paramLabel = "N", description = "A budget in trials instead of minutes (at least 12).")
    Integer trials;

    @Mixin
    RunOptions options;

    @Mixin
    SeedOption seed;

    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public Integer call() throws IOException, InterruptedException {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!data.startsWith("builtin:") && (target == null || target.isBlank())) {
            throw new dev.keel.diagnose.BadInputException("--target is required with a CSV file: name the column to predict");
        }
        int threads = options.threads();
        Path dir = options.out != null ? options.out : defaultOut(data);
        RecommendRequest request = new RecommendRequest(data, target, trials, budget, dir, threads, seed.orElse(0));
        RunFolder.checkNew(dir, "--out", null);
        try (RunLock lock = RunLock.acquire(dir)) {
            return recommend(request, dir, threads, outw, err);
        }
    }

    private int recommend(RecommendRequest request, Path dir, int threads, PrintWriter outw, PrintWriter err)
            throws IOException, InterruptedException {
        if (!options.quiet) {
            err.println("recommend: " + data + (request.timeBudget()
                    ? String.format(Locale.ROOT, ", budget %.1f minutes", request.budgetMinutes())
                    : ", budget " + trials + " trials") + ", " + threads + (threads == 1 ? " worker" : " workers")
                    + " -> " + SpacesCommand.shown(dir));
        }
        // Trial by trial: recommend's evaluation (docs/RECOMMEND.md) was measured so, and rounding decides the verdicts
        // of runs at the edge of stability, which are the ones it chooses between; fusing it waits for that re-run.
        Recommendation r = new Recommender(request, LocalExecutor::trialByTrial, new Recommender.Stages() {
            @Override
            public SweepProgress starting(String stage, String description) {
                if (options.quiet) {
                    return SweepProgress.NONE;
                }
                err.println("stage " + (stage.equals("screen") ? "1" : "2") + ", " + stage + ": " + description);
                ProgressBar bar = new ProgressBar(err, ProgressBar.isTerminal(), List.of("optimizer", "learning_rate"));
                // Both stages read the same data: how it was read is said once, before the screen.
                return stage.equals("screen") ? bar : bar.withoutDataNotes();
            }

            @Override
            public void finished(String stage, ResultStore store) {
                Reports.writeAfterSweep(store, options.quiet ? new PrintWriter(PrintWriter.nullWriter()) : err, err);
            }
        }).run();
        print(outw, r);
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, Recommendation r) {
        if (r.chosen() == null) {
            out.println("no recommendation: " + r.reason());
        } else if (!r.stableOnAll()) {
            out.println("no configuration was stable on every seed: " + r.reason());
        } else {
            out.println("recommended: " + SpacesCommand.shown(r.yaml()));
        }
        if (r.chosen() != null) {
            Candidate c = r.chosen();
            out.println(String.format(Locale.ROOT, "  %s %.4f ± %.4f   %s %.4f ± %.4f   (%d seeds)", r.metric(),
                    c.mean(r.metric()), c.std(r.metric()), r.testMetric(), c.mean(r.testMetric()),
                    c.std(r.testMetric()), c.runs().size()));
            out.println("  settings: " + Summary.paramsLine(c.runs().get(0), List.of("activation", "weight_init",
                    "optimizer", "learning_rate", "lr_schedule", "batch_size", "l2", "dropout", "gradient_clipping",
                    "batch_norm")));
            if (r.stableOnAll()) {
                out.println("  why: " + r.reason());
            }
        }
        for (String line : r.why()) {
            out.println("  - " + line);
        }
        out.println("reports: " + SpacesCommand.shown(r.screen().reportPath()) + ", "
                + SpacesCommand.shown(r.confirm().reportPath()));
    }

    static Path defaultOut(String data) {
        return RunFolders.timestamped("recommend-" + RunFolders.dataName(data));
    }
}
