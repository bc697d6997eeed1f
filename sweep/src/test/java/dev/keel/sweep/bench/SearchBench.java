package dev.keel.sweep.bench;

import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.run.SweepSession;
import dev.keel.sweep.search.Observation;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 14's benchmark (docs/SEARCH.md): for each space, one long random sweep sets the target (its best stable
 * validation metric less {@link #WITHIN}); then bayes, random and Sobol run {@code trials} trials on each sampler
 * seed, and each run reports how many trials it stored before the first stable trial within the target, how many
 * of its trials were not stable (failed included), its best stable metric and its wall time. {@code asha} runs
 * the same random sweeps with divergence pruning and with hyperband, for the wall time hyperband saves at the
 * best stable metric each reaches.
 *
 * <p>A sweep's seed fixes its data split too; here every run of a space trains and validates on the split of the
 * space file's own seed, so that accuracies compare across sampler seeds and with the reference, and only the
 * sampler (and the trials' own seeds) change with the seed.
 *
 * <pre>bench/search-bench.sh samplers|asha|all   (SEEDS="1 2 3" TRIALS=40 REFERENCE_TRIALS=200 WORKERS=2)</pre>
 */
public final class SearchBench {
    /** A stable trial this close to the reference's best counts as reaching the target (the 0.005). */
    static final double WITHIN = 0.005;
    /**
     * A stable trial this close to the reference's best counts as near the top (twice {@link #WITHIN}): how often a
     * method lands near the best, which trials to target, one lucky trial, does not show when the target sits in
     * the seed noise's tail (docs/SEARCH.md).
     */
    static final double NEAR = 2 * WITHIN;
    /** The methods compared ({@code -Dmethods}, e.g. "bayes" to re-run only the sampler that changed). */
    static final List<String> METHODS = List.of(System.getProperty("methods", "bayes random sobol").trim()
            .split("\\s+"));

    private final Path root;
    private final int workers;

    private SearchBench(Path root, int workers) {
        this.root = root;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "all";
        List<Path> spaces = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            spaces.add(Path.of(args[i]));
        }
        if (spaces.isEmpty()) {
            spaces = List.of(Path.of("spaces/quickstart.yaml"), Path.of("spaces/stability-search.yaml"));
        }
        List<Long> seeds = new ArrayList<>();
        for (String s : System.getProperty("seeds", "1 2 3").trim().split("\\s+")) {
            seeds.add(Long.parseLong(s));
        }
        int trials = Integer.getInteger("trials", 40);
        int reference = Integer.getInteger("reference", 200);
        SearchBench bench = new SearchBench(Files.createDirectories(Path.of(System.getProperty("out",
                "target/search-bench"))), Integer.getInteger("workers", 2));
        System.out.printf(Locale.ROOT, "# %d cores, load average %s; seeds %s, %d trials a run, %d workers%n",
                Runtime.getRuntime().availableProcessors(), load(), seeds, trials, bench.workers);
        for (Path file : spaces) {
            SweepSpace space = SpaceParser.parse(file);
            bench.splitSeeds.put(space.name(), space.seed());
            if (part.equals("samplers") || part.equals("all")) {
                bench.samplers(space, seeds, trials, reference);
            }
            if (part.equals("asha") || part.equals("all")) {
                bench.asha(space, seeds, trials);
            }
        }
    }

    /** One finished sweep's figures. */
    record Run(String label, long seed, int trials, int unstable, int toTarget, int nearTop, double best,
               double seconds) {
    }

    private void samplers(SweepSpace space, List<Long> seeds, int trials, int referenceTrials) throws Exception {
        Metric metric = space.metric();
        double target;
        String given = System.getProperty("reference." + space.name());
        if (given != null) {
            // The best stable metric of an earlier reference run on the same data split, said as such.
            double best = Double.parseDouble(given);
            target = metric.goal() == Metric.Goal.MAXIMIZE ? best - WITHIN : best + WITHIN;
            System.out.printf(Locale.ROOT, "%n## %s: target %s %.4f (a reference best of %.4f given by"
                    + " -Dreference.%s, not run here); every run on the data split of seed %d%n", space.name(),
                    metric.name(), target, best, space.name(), splitSeeds.get(space.name()));
        } else {
            Run ref = run(with(space, "random", "divergence", referenceTrials, 1000), "reference", Double.NaN);
            target = metric.goal() == Metric.Goal.MAXIMIZE ? ref.best() - WITHIN : ref.best() + WITHIN;
            System.out.printf(Locale.ROOT, "%n## %s: target %s %.4f (best stable of %d random trials, seed 1000, %s,"
                    + " best %.4f); every run on the data split of seed %d%n", space.name(), metric.name(), target,
                    referenceTrials, clock(ref.seconds()), ref.best(), splitSeeds.get(space.name()));
        }
        System.out.printf(Locale.ROOT, "| method | seed | trials to target | unstable trials | stable within %.3f"
                + " | best stable | wall |%n", NEAR);
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, List<Run>> byMethod = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (String method : METHODS) {
                Run r = run(with(space, method, "divergence", trials, seed), method, target);
                byMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %.4f | %s |%n", method, seed,
                        r.toTarget() > r.trials() ? ">" + r.trials() : String.valueOf(r.toTarget()), r.unstable(),
                        r.nearTop(), r.best(), clock(r.seconds()));
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians over seeds:%n%n| method | trials to target | unstable trials"
                + " | stable within %.3f | best stable |%n", NEAR);
        System.out.println("|---|---|---|---|---|");
        byMethod.forEach((method, runs) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.4f |%n", method,
                median(runs.stream().map(r -> (double) r.toTarget()).toList(), trials),
                median(runs.stream().map(r -> (double) r.unstable()).toList(), Integer.MAX_VALUE),
                median(runs.stream().map(r -> (double) r.nearTop()).toList(), Integer.MAX_VALUE),
                medianValue(runs.stream().map(Run::best).toList())));
    }

    private void asha(SweepSpace space, List<Long> seeds, int trials) throws Exception {
        System.out.printf(Locale.ROOT, "%n## %s: hyperband (min_iter 2, eta 3) against divergence pruning alone, "
                + "random, %d trials%n", space.name(), trials);
        System.out.println("| seed | pruning | wall | best stable | pruned trials |");
        System.out.println("|---|---|---|---|---|");
        List<Double> saved = new ArrayList<>();
        for (long seed : seeds) {
            Run off = run(with(space, "random", "divergence", trials, seed), "divergence", Double.NaN);
            Run on = run(with(space, "random", "hyperband", trials, seed), "hyperband", Double.NaN);
            for (Run r : List.of(off, on)) {
                System.out.printf(Locale.ROOT, "| %d | %s | %s | %.4f | %d |%n", seed, r.label(), clock(r.seconds()),
                        r.best(), pruned(r));
            }
            saved.add(1 - on.seconds() / off.seconds());
        }
        System.out.printf(Locale.ROOT, "%nwall time saved by hyperband: median %.0f%% (%s)%n",
                100 * medianValue(saved), saved.stream().map(s -> String.format(Locale.ROOT, "%.0f%%", 100 * s)).toList());
    }

    private final Map<String, Integer> prunedByRun = new LinkedHashMap<>();

    private int pruned(Run r) {
        return prunedByRun.getOrDefault(r.label() + "/" + r.seed(), 0);
    }

    private Run run(SweepSpace space, String label, double target) throws Exception {
        Path dir = root.resolve(space.name()).resolve(label + "-" + space.method().token() + "-"
                + space.earlyTerminate().token() + "-" + space.seed());
        if (Files.exists(dir.resolve(ResultStore.MANIFEST))) {
            throw new IllegalStateException(dir + " already holds a sweep; remove " + root + " first");
        }
        long t0 = System.nanoTime();
        ResultStore store = SweepRunner.start(new SweepSession(space, split(space)), dir, new LocalExecutor(workers),
                SweepProgress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<TrialRecord> trials = store.trials();
        Metric metric = space.metric();
        int unstable = 0;
        int toTarget = trials.size() + 1;
        int nearTop = 0;
        double near = metric.goal() == Metric.Goal.MAXIMIZE ? target - (NEAR - WITHIN) : target + (NEAR - WITHIN);
        double best = Double.NaN;
        for (int i = 0; i < trials.size(); i++) {
            TrialRecord t = trials.get(i);
            if (!Observation.isStable(t)) {
                unstable++;
                continue;
            }
            double m = t.metric(metric.name());
            if (Double.isNaN(m)) {
                continue;
            }
            boolean better = metric.goal() == Metric.Goal.MAXIMIZE ? m > best || Double.isNaN(best)
                    : m < best || Double.isNaN(best);
            best = better ? m : best;
            boolean reached = metric.goal() == Metric.Goal.MAXIMIZE ? m >= target : m <= target;
            nearTop += (metric.goal() == Metric.Goal.MAXIMIZE ? m >= near : m <= near) ? 1 : 0;
            if (reached && toTarget > trials.size()) {
                toTarget = i + 1;
            }
        }
        prunedByRun.put(label + "/" + space.seed(), (int) trials.stream()
                .filter(t -> t.status() == dev.keel.sweep.store.TrialStatus.PRUNED).count());
        return new Run(label, space.seed(), trials.size(), unstable, toTarget, nearTop, best, seconds);
    }

    /** The split seed of each space (its file's seed), by space name. */
    private final Map<String, Long> splitSeeds = new LinkedHashMap<>();
    private final Map<String, PreparedData> splits = new LinkedHashMap<>();

    /** The data of the space, split by its file's seed whatever the run's seed. */
    private PreparedData split(SweepSpace space) {
        long seed = splitSeeds.getOrDefault(space.name(), space.seed());
        return splits.computeIfAbsent(space.name() + "/" + seed, k -> DataLoader.load(space.data(), seed));
    }

    /** The space with another method, pruning, trial count and seed, as sweep.json would record it. */
    static SweepSpace with(SweepSpace space, String method, String pruning, int trials, long seed) {
        Map<String, Object> m = new LinkedHashMap<>(space.toResolvedMap());
        m.put("method", method);
        m.put("trials", trials);
        m.put("seed", seed);
        m.put("early_terminate", pruning.equals("hyperband") ? Map.of("type", "hyperband", "min_iter", 2, "eta", 3)
                : Map.of("type", pruning));
        return SweepSpace.fromResolvedMap(m, space.name());
    }

    /** The median, with runs that never reached the target (counted as trials + 1) shown as {@code >trials}. */
    private static String median(List<Double> values, int censoredAbove) {
        double m = medianValue(values);
        return m > censoredAbove ? ">" + censoredAbove : String.format(Locale.ROOT, "%.1f", m);
    }

    static double medianValue(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
