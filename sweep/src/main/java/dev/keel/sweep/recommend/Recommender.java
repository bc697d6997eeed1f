package dev.keel.sweep.recommend;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.DataSpec;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Task;
import dev.keel.sweep.run.SweepExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.RunFolders;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.diagnose.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * {@code keel recommend}: defaults for a new dataset in two stages (docs/RECOMMEND.md).
 * <ol>
 *   <li>Screen: a Sobol sweep over spaces/defaults-search.yaml with the network sized to the data, few epochs
 *       and divergence pruning.</li>
 *   <li>Confirm: the best few stable screened configurations, plus the plain defaults, re-run on several seeds
 *       with full epochs. A candidate is stable only if every seed is.</li>
 * </ol>
 * The choice is made by {@link CandidateSelector}.
 */
public final class Recommender {
    /** Seeds per candidate in stage 2: the fewest that make "stable on every seed" mean something. */
    static final int SEEDS = 3;
    /** Screened configurations confirmed in stage 2 (the plain defaults are always confirmed too). */
    static final int MAX_CANDIDATES = 4;
    /** Stage 1 trains briefly: enough to see divergence, vanishing and a first ranking. */
    static final int SCREEN_EPOCHS = 10;
    static final int SCREEN_PATIENCE = 3;
    /** Stage 2 trains to convergence, with the design's early stopping. */
    static final int CONFIRM_EPOCHS = 40;
    /**
     * Hidden width bounds. The floor is the design's default width: narrower nets sized to few inputs (32 for
     * breast_cancer) scored 2 points of test accuracy below the 64-unit defaults on new seeds (docs/RECOMMEND.md).
     */
    static final int MIN_WIDTH = 64;
    static final int MAX_WIDTH = 128;
    /** Share of a time budget for screening; confirmation is a known number of trials and gets the rest. */
    static final double SCREEN_SHARE = 0.65;
    /** The most trials stage 1 plans under a time budget (a Sobol plan: a power of two). */
    static final int MAX_SCREEN_TRIALS = 512;

    /** Where keel's own spaces are, to prefer the file a user may have edited over the copy in the jar. */
    public static final String HOME_PROPERTY = "keel.home";
    static final String SPACE_FILE = "defaults-search.yaml";

    /** Told about each stage, for progress bars and reports. */
    public interface Stages {
        /** A stage starts; returns the progress listener for it. */
        SweepProgress starting(String stage, String description);

        /** A stage's store is complete. */
        default void finished(String stage, ResultStore store) {
        }
    }

    private final RecommendRequest request;
    private final IntFunction<SweepExecutor> executors;
    private final Stages stages;
    private final long startedNanos = System.nanoTime();

    /** @param executors makes an executor for a given number of workers */
    public Recommender(RecommendRequest request, IntFunction<SweepExecutor> executors, Stages stages) {
        this.request = request;
        this.executors = executors;
        this.stages = stages;
    }

    public Recommendation run() throws IOException, InterruptedException {
        SweepSpace base = SpaceParser.parse(readDefaultsSearch(), SPACE_FILE);
        String source = request.source().startsWith(DataLoader.BUILTIN_PREFIX) ? request.source()
                : Path.of(request.source()).toAbsolutePath().normalize().toString();
        DataSpec dataSpec = new DataSpec(source, request.target(), null, base.data().train(),
                base.data().validation(), base.data().test(), base.data().stratify());
        PreparedData data = DataLoader.load(dataSpec, request.seed());
        Metric metric = data.task() == Task.CLASSIFICATION ? Metric.named("val_accuracy") : Metric.named("val_rmse");
        String testMetric = metric.name().replace("val_", "test_");
        Map<String, Object> sized = sizedToData(data);

        SweepSpace screenSpace = screenSpace(base, dataSpec, metric, sized, slug(data));
        ResultStore screen = screen(screenSpace);
        stages.finished("screen", screen);

        List<Map<String, Object>> listed = candidates(screen.trials(), metric, sized);
        SweepSpace confirmSpace = new SweepSpace(slug(data) + "-confirm",
                "stage 2 of keel recommend: the best stable screened settings and the plain defaults, on "
                        + SEEDS + " seeds each", screenSpace.method(), screenSpace.trials(), SEEDS,
                request.seed(), dataSpec, metric, screenSpace.earlyTerminate(), fixed(sized, CONFIRM_EPOCHS, null),
                screenSpace.model(), screenSpace.traceEvery(), confirmMaxSeconds(listed.size() * SEEDS), listed);
        SweepProgress progress = stages.starting("confirm", listed.size() + " candidates x " + SEEDS + " seeds");
        ResultStore confirm = SweepRunner.start(confirmSpace, request.out().resolve("confirm"),
                executors.apply(request.workers()), progress);
        stages.finished("confirm", confirm);

        List<Candidate> candidates = CandidateSelector.group(confirm.trials());
        CandidateSelector selector = CandidateSelector.forSweep(metric, confirm.manifest().data());
        Optional<CandidateSelector.Choice> chosen = selector.decide(candidates);
        // The screen is where knobs varied freely; confirmation runs few, chosen settings.
        List<String> why = InstabilityFacts.describe(screen.trials(), 4);
        Optional<String> dataCause = InstabilityFacts.dataLikelyCause(
                java.util.stream.Stream.concat(screen.trials().stream(), confirm.trials().stream()).toList());
        if (dataCause.isPresent()) {
            // No candidate and no advice on settings: none of them was the problem.
            return new Recommendation(null, false, dataCause.get(), List.of(), metric.name(), testMetric, screen,
                    confirm, null, candidates);
        }
        if (chosen.isEmpty()) {
            Candidate fallback = candidates.stream()
                    .max(Comparator.comparingLong(Candidate::stableRuns)
                            .thenComparing(c -> c.mean(metric.name()), metric.goal().bestFirst().reversed()))
                    .orElse(null);
            String reason = "no candidate trained stably on all " + SEEDS + " seeds"
                    + (fallback == null ? "" : "; the steadiest was stable on " + fallback.stableRuns() + " of "
                    + fallback.runs().size() + " — not recommended without more care (lower its learning rate)");
            return new Recommendation(fallback, false, reason, why, metric.name(), testMetric, screen, confirm,
                    null, candidates);
        }
        Candidate chosenCandidate = chosen.get().chosen();
        String reason = selector.explain(chosen.get(), candidates);
        Path yaml = request.out().resolve("recommended.yaml");
        RecommendedYaml.write(yaml, chosenCandidate, confirmSpace, data, metric, testMetric, reason, why);
        return new Recommendation(chosenCandidate, true, reason, why, metric.name(), testMetric, screen, confirm, yaml,
                candidates);
    }

    /**
     * Depth and width sized to the data: wide enough for the inputs and outputs (the next power of two of
     * their sum, 64 to 128), a third hidden layer only when there are rows enough to fit it.
     */
    static Map<String, Object> sizedToData(PreparedData data) {
        int units = Integer.highestOneBit(Math.max(1, data.features() + data.outputs()) * 2 - 1);
        Map<String, Object> sized = new LinkedHashMap<>();
        sized.put("depth", data.rows() >= 5000 ? 3 : 2);
        sized.put("width", Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, units)));
        return sized;
    }

    /** {@code recommend-digits}, {@code recommend-patients}: names the stages after the data. */
    static String slug(PreparedData data) {
        return "recommend-" + RunFolders.dataName(data.source());
    }

    private SweepSpace screenSpace(SweepSpace base, DataSpec data, Metric metric, Map<String, Object> sized,
                                   String slug) {
        int trials = request.timeBudget() ? 4 * request.workers() : screenTrials(request.trials());
        List<Parameter> parameters = new ArrayList<>();
        Set<String> overridden = new LinkedHashSet<>(sized.keySet());
        overridden.add("epochs");
        overridden.add("early_stopping");
        for (Parameter p : base.parameters()) {
            if (!overridden.contains(p.knob())) {
                parameters.add(p);
            }
        }
        parameters.addAll(fixed(sized, SCREEN_EPOCHS, Map.of("patience", SCREEN_PATIENCE, "min_delta", 1e-4)));
        double maxSeconds = request.timeBudget() ? Math.max(5, budgetSeconds() * SCREEN_SHARE * 0.25)
                : TrialConfig.NO_TIME_LIMIT;
        return new SweepSpace(slug + "-screen",
                "stage 1 of keel recommend: a broad Sobol screen of " + data.source(), base.method(), trials, 1,
                request.seed(), data, metric, base.earlyTerminate(), parameters, base.model(), base.traceEvery(),
                maxSeconds, List.of());
    }

    private static List<Parameter> fixed(Map<String, Object> sized, int epochs, Map<String, Object> earlyStopping) {
        List<Parameter> out = new ArrayList<>();
        sized.forEach((k, v) -> out.add(Parameter.fixed(k, v)));
        out.add(Parameter.fixed("epochs", epochs));
        if (earlyStopping != null) {
            out.add(Parameter.fixed("early_stopping", earlyStopping));
        }
        return out;
    }

    /** Trial budget: what stage 2 does not need goes to screening. */
    static int screenTrials(int total) {
        return total - (candidateCount(total) + 1) * SEEDS;
    }

    /** Screened candidates to confirm under a trial budget: one per ten trials, one to four. */
    static int candidateCount(int totalTrials) {
        return Math.max(1, Math.min(MAX_CANDIDATES, totalTrials / 10));
    }

    private double budgetSeconds() {
        return request.budgetMinutes() * 60;
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Stage 1. Under a trial budget, one sweep. Under a time budget, the Sobol plan grows chunk by chunk
     * (the plan is prefix-stable, so the stored trials stay a prefix of it) until the screening share of the
     * budget is spent, judged by the time the last chunk took.
     */
    private ResultStore screen(SweepSpace space) throws IOException, InterruptedException {
        Path dir = request.out().resolve("screen");
        SweepExecutor executor = executors.apply(request.workers());
        SweepProgress progress = stages.starting("screen", request.timeBudget()
                ? String.format(Locale.ROOT, "Sobol screen for %.1f minutes", budgetSeconds() * SCREEN_SHARE / 60)
                : space.plannedTrials() + " Sobol trials");
        if (!request.timeBudget()) {
            return SweepRunner.start(space, dir, executor, progress);
        }
        ChunkedProgress chunks = new ChunkedProgress(progress);
        long chunkStart = System.nanoTime();
        ResultStore store = SweepRunner.start(space, dir, executor, chunks);
        int chunk = space.trials();
        while (true) {
            double lastChunk = (System.nanoTime() - chunkStart) / 1e9;
            double left = budgetSeconds() * SCREEN_SHARE - elapsedSeconds();
            int total = store.manifest().plannedTrials();
            int more = nextChunk(total, chunk, lastChunk, left);
            if (more == 0) {
                break;
            }
            SweepManifest m = store.manifest();
            SweepSpace grown = space.withTrials(total + more);
            store = ResultStore.replaceManifest(dir, new SweepManifest(m.name(), m.description(), grown.toResolvedMap(),
                    m.seed(), grown.plannedTrials(), m.keelVersion(), m.dl4jVersion(), m.startedAt(), m.data()));
            chunkStart = System.nanoTime();
            chunk = more;
            store = SweepRunner.resume(dir, executor, chunks);
        }
        chunks.done();
        return ResultStore.open(dir);
    }

    /**
     * How many trials the screen plans next under a time budget: as many as fit in half the time left, at the pace
     * of the last chunk (which ran {@code lastChunk} trials in {@code lastChunkSeconds}), so that a slower chunk
     * cannot overrun the screen's share; none once half the time left is less than a trial or the plan is full.
     */
    static int nextChunk(int planned, int lastChunk, double lastChunkSeconds, double secondsLeft) {
        if (planned >= MAX_SCREEN_TRIALS || !(secondsLeft > 0) || lastChunk < 1) {
            return 0;
        }
        double perTrial = Math.max(lastChunkSeconds, 1e-3) / lastChunk;
        return (int) Math.min(MAX_SCREEN_TRIALS - planned, Math.floor(secondsLeft / 2 / perTrial));
    }

    /** Stage 2's per-trial budget: the time left, shared by the waves of trials the workers will run. */
    private double confirmMaxSeconds(int trials) {
        if (!request.timeBudget()) {
            return TrialConfig.NO_TIME_LIMIT;
        }
        int waves = (trials + request.workers() - 1) / request.workers();
        double left = budgetSeconds() - elapsedSeconds();
        return Math.max(2, 0.9 * left / waves);
    }

    /**
     * The best stable, distinct screened configurations by the validation metric, then the plain defaults
     * (sized to the data like the rest), so the choice is always weighed against doing nothing special.
     */
    List<Map<String, Object>> candidates(List<TrialRecord> screened, Metric metric, Map<String, Object> sized) {
        int wanted = request.timeBudget() ? MAX_CANDIDATES : candidateCount(request.trials());
        Comparator<TrialRecord> byMetric = Comparator.comparing(t -> t.metric(metric.name()), metric.goal().bestFirst());
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        screened.stream()
                .filter(t -> t.status() == TrialStatus.COMPLETED && t.verdict() == Verdict.STABLE)
                .filter(t -> Double.isFinite(t.metric(metric.name())))
                .sorted(byMetric)
                .forEach(t -> {
                    Map<String, Object> params = confirmed(t.params());
                    if (out.size() < wanted && seen.add(Candidate.key(params))) {
                        out.add(params);
                    }
                });
        Map<String, Object> defaults = confirmed(TrialConfig.defaults().toParams());
        defaults.putAll(sized);
        if (seen.add(Candidate.key(defaults))) {
            out.add(defaults);
        }
        return out;
    }

    /** A configuration as stage 2 trains it: full epochs and the design's early stopping. */
    private static Map<String, Object> confirmed(Map<String, Object> params) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("epochs", CONFIRM_EPOCHS);
        p.put("early_stopping", TrialConfig.defaults().toParams().get("early_stopping"));
        return p;
    }

    private static String readDefaultsSearch() throws IOException {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && Files.isRegularFile(Path.of(home, "spaces", SPACE_FILE))) {
            return Files.readString(Path.of(home, "spaces", SPACE_FILE), StandardCharsets.UTF_8);
        }
        try (InputStream in = Recommender.class.getResourceAsStream("/dev/keel/sweep/spaces/" + SPACE_FILE)) {
            if (in == null) {
                throw new BadInputException(SPACE_FILE + " is missing from keel's spaces/ and from its jar; rebuild keel");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One progress bar over a stage that runs as several resumed chunks. */
    private static final class ChunkedProgress implements SweepProgress {
        private final SweepProgress inner;
        private boolean started;

        ChunkedProgress(SweepProgress inner) {
            this.inner = inner;
        }

        @Override
        public void dataLoaded(DataSummary data) {
            // Every chunk loads the data again; how it was read is said once, as for a sweep.
            if (!started) {
                inner.dataLoaded(data);
            }
        }

        @Override
        public void started(int total, int alreadyDone) {
            if (!started) {
                inner.started(total, alreadyDone);
                started = true;
            } else if (inner instanceof Growing g) {
                g.grew(total);
            }
        }

        @Override
        public void trialFinished(TrialRecord record) {
            inner.trialFinished(record);
        }

        void done() {
            inner.finished();
        }
    }

    /** A progress listener whose total may grow while it runs (stage 1 under a time budget). */
    public interface Growing extends SweepProgress {
        void grew(int total);
    }
}
