package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.RunFolder;
import dev.keel.sweep.store.RunFolders;
import dev.keel.sweep.store.TrialStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code keel sweep}: keel's main job. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a grid, random, Sobol or bayes sweep from a space file: train every trial, diagnose it, and "
                + "write the result store and the HTML report.",
                "A sweep whose trials diverge still exits 0: a diverging trial is a finding, not an error."})
final class SweepCommand implements Callable<Integer> {
    static final String SPARK_EXECUTOR = "dev.keel.spark.SparkExecutor";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SPACE.yaml", description = "The search space (see docs/SPACES.md).")
    Path spaceFile;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Re-create the plan from DIR/sweep.json and run only the trials missing from trials.jsonl.")
    Path resume;

    @Mixin
    RunOptions options;

    @Option(names = "--trials", paramLabel = "N", description = "Override the space's trials (configurations).")
    Integer trials;

    @Mixin
    SeedOption seed;

    @Option(names = "--executor", paramLabel = "local|spark", defaultValue = "local",
            description = "Where trials run: local threads (default) or Apache Spark.")
    String executor;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL with --executor spark (e.g. local[2], spark://host:7077, yarn).")
    String master;

    /** The report's warm-up during the sweep's last trials; the report waits for it. */
    private ReportWarmUp warmUp;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((spaceFile == null) == (resume == null)) {
            throw new BadInputException("keel sweep: give a SPACE.yaml file, or --resume DIR (not both)");
        }
        if (resume != null && (trials != null || seed.seed != null || options.out != null)) {
            throw new BadInputException("keel sweep --resume: --trials, --seed and --out cannot change a sweep "
                    + "already started; resume runs the plan recorded in " + resume.resolve(ResultStore.MANIFEST));
        }
        int threads = options.threads();
        SweepExecutor runner = executor(threads);

        long started = System.nanoTime();
        ResultStore store;
        SweepSpace space;
        if (resume != null) {
            RunFolder.checkRun(resume);
            space = SweepSpace.fromResolvedMap(ResultStore.open(resume).manifest().space(),
                    resume.resolve(ResultStore.MANIFEST).toString());
            store = interruptible(resume, space, err, p -> SweepRunner.resume(resume, runner, p));
        } else {
            space = SpaceParser.parse(spaceFile);
            if (trials != null) {
                space = space.withTrials(trials);
            }
            if (seed.seed != null) {
                space = space.withSeed(seed.seed);
            }
            Path dir = options.out != null ? options.out : defaultOut(space);
            RunFolder.checkNew(dir, "--out", "keel sweep --resume DIR");
            if (!options.quiet) {
                String where = executor.equalsIgnoreCase("spark") ? "Spark " + sparkMaster(threads)
                        : threads + (threads == 1 ? " worker" : " workers");
                err.println("sweep " + space.name() + ": " + space.plannedTrials() + " trials on " + where + " -> "
                        + SpacesCommand.shown(dir));
            }
            SweepSpace planned = space;
            store = interruptible(dir, space, err, p -> SweepRunner.start(planned, dir, runner, p));
        }
        out.println(String.format(Locale.ROOT, "%s: %d trials in %s -> %s", space.name(), store.trials().size(),
                ProgressBar.clock((System.nanoTime() - started) / 1e9), SpacesCommand.shown(store.dir())));
        Summary.print(out, space, store.trials(), store.manifest().data());
        SearchSummary.print(out, space, store.trials());
        long failed = store.trials().stream().filter(t -> t.status() == TrialStatus.FAILED).count();
        if (failed > 0) {
            err.println("keel: " + failed + (failed == 1 ? " trial" : " trials") + " failed; the errors are in "
                    + SpacesCommand.shown(store.dir().resolve(ResultStore.TRIALS)) + ", the stack traces in "
                    + LogFiles.current());
        }
        if (warmUp != null) {
            warmUp.await();
        }
        Reports.writeAfterSweep(store, out, err);
        return ExitCodes.OK;
    }

    private SweepProgress progress(PrintWriter err, SweepSpace space) {
        if (options.quiet) {
            return SweepProgress.NONE;
        }
        return new ProgressBar(err, ProgressBar.isTerminal(), space.varied().stream().map(Parameter::knob).toList());
    }

    /** Runs a sweep into {@code dir} with progress, and a word on stderr if it is interrupted. */
    private ResultStore interruptible(Path dir, SweepSpace space, PrintWriter err, Run run)
            throws IOException, InterruptedException {
        SweepProgress progress = progress(err, space);
        Thread hook = onInterrupt(progress, dir, err);
        try {
            warmUp = new ReportWarmUp(progress, dir);
            return run.with(warmUp);
        } finally {
            forget(hook);
        }
    }

    @FunctionalInterface
    private interface Run {
        ResultStore with(SweepProgress progress) throws IOException, InterruptedException;
    }

    /**
     * On Ctrl-C (or a plain kill), ends the progress line and says how to go on. Nothing needs saving: every
     * finished trial's line is already on disk, and the trials in flight are simply run again on resume.
     */
    private static Thread onInterrupt(SweepProgress progress, Path dir, PrintWriter err) {
        String shown = SpacesCommand.shown(dir);
        Thread hook = new Thread(() -> {
            if (!Files.exists(dir.resolve(ResultStore.MANIFEST))) {
                err.println("keel: interrupted before the sweep started; nothing was written");
                err.flush();
            } else if (progress instanceof ProgressBar bar) {
                bar.interrupted(shown);
            } else {
                err.println("keel: interrupted; finished trials are stored in " + shown
                        + "; continue with: keel sweep --resume " + shown);
                err.flush();
            }
        }, "keel-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: the sweep was interrupted as it ended.
        }
    }

    private SweepExecutor executor(int threads) {
        switch (executor.toLowerCase(Locale.ROOT)) {
            case "local" -> {
                if (master != null) {
                    throw new BadInputException("--master goes with --executor spark");
                }
                return new LocalExecutor(threads);
            }
            case "spark" -> {
                try {
                    Class<?> type = Class.forName(SPARK_EXECUTOR);
                    // Without --workers, as many trials in flight as the cluster has task slots (0).
                    return (SweepExecutor) type.getConstructor(String.class, int.class)
                            .newInstance(sparkMaster(threads), options.workers == null ? 0 : options.workers);
                } catch (ClassNotFoundException e) {
                    throw new BadInputException("--executor spark: the Spark module is not on the classpath; run keel "
                            + "through ./keel, which builds spark/target/keel-spark.jar (mvn -q -B -DskipTests "
                            + "-pl spark -am package) and adds it, or put that jar on the classpath yourself "
                            + "(docs/SPARK.md)");
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException("cannot start the Spark executor: " + cause, cause);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot start the Spark executor: " + e, e);
                }
            }
            default -> throw new BadInputException("--executor must be local or spark, was '" + executor + "'");
        }
    }

    /** --master, else the master spark-submit set, else one local thread per worker. */
    private String sparkMaster(int threads) {
        return master != null ? master : System.getProperty("spark.master", "local[" + threads + "]");
    }

    static Path defaultOut(SweepSpace space) {
        return RunFolders.timestamped(space.name());
    }
}
