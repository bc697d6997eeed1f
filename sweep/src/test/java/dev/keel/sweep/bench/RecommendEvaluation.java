package dev.keel.sweep.bench;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.recommend.Candidate;
import dev.keel.sweep.recommend.RecommendRequest;
import dev.keel.sweep.recommend.Recommendation;
import dev.keel.sweep.recommend.Recommender;
import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 7's check (docs/RECOMMEND.md): run keel recommend on a dataset within its budget, then re-run on
 * the same NEW seeds (a new sweep seed: new split, new initialisations) (a) the recommended configuration,
 * (b) the best-validation configuration of stage 1, (c) the plain defaults, and print mean test accuracy.
 *
 * <pre>bench/recommend-eval.sh builtin:breast_cancer builtin:digits</pre>
 */
public final class RecommendEvaluation {
    static final int NEW_SEEDS = 5;
    static final long NEW_SWEEP_SEED = Long.getLong("newseed", 2026);

    public static void main(String[] args) throws Exception {
        double budget = Double.parseDouble(System.getProperty("budget", "5"));
        int workers = Integer.getInteger("workers", 2);
        Path root = Files.createDirectories(Path.of(System.getProperty("out", "target/recommend-eval")));
        System.out.println("| dataset | recommend time | recommended | stage-1 best-validation | plain defaults |");
        System.out.println("|---|---|---|---|---|");
        for (String source : args) {
            String name = source.replace("builtin:", "");
            Path out = root.resolve(name);
            long t0 = System.nanoTime();
            Recommendation r = new Recommender(new RecommendRequest(source, null, null, budget, out.resolve("recommend"),
                    workers, 0), LocalExecutor::new, (s, d) -> SweepProgress.NONE).run();
            double minutes = (System.nanoTime() - t0) / 60e9;
            if (r.yaml() == null) {
                System.out.println("| " + source + " | no recommendation: " + r.reason() + " |");
                continue;
            }
            SweepSpace recommended = SpaceParser.parse(r.yaml());
            String metric = r.metric();
            TrialRecord best1 = r.screen().trials().stream().filter(t -> Double.isFinite(t.metric(metric)))
                    .max(Comparator.comparingDouble(t -> t.metric(metric))).orElseThrow();
            Map<String, Object> stage1 = confirmedLike(best1.params(), recommended);
            Map<String, Object> defaults = confirmedLike(TrialConfig.defaults().toParams(), recommended);
            String a = rerun(recommended, List.of(), out.resolve("rerun-recommended"), workers);
            String b = rerun(recommended, List.of(stage1), out.resolve("rerun-stage1-best"), workers);
            String c = rerun(recommended, List.of(defaults), out.resolve("rerun-defaults"), workers);
            System.out.printf(Locale.ROOT, "| %s | %.1f min | %s | %s | %s |%n", source, minutes, a, b, c);
        }
    }

    /** The settings with the epochs and early stopping recommend confirms with, so only the settings differ. */
    private static Map<String, Object> confirmedLike(Map<String, Object> params, SweepSpace recommended) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        Map<String, Object> rec = recommended.baseConfig().toParams();
        p.put("epochs", rec.get("epochs"));
        p.put("early_stopping", rec.get("early_stopping"));
        return p;
    }

    private static String rerun(SweepSpace recommended, List<Map<String, Object>> listed, Path dir, int workers)
            throws Exception {
        SweepSpace space = recommended.withSeed(NEW_SWEEP_SEED);
        space = new SweepSpace(space.name(), space.description(), space.method(), space.trials(), NEW_SEEDS,
                space.seed(), space.data(), space.metric(), space.earlyTerminate(), space.parameters(), space.model(),
                space.traceEvery(), space.maxSeconds(), listed.isEmpty() ? space.listed() : listed);
        ResultStore store = SweepRunner.start(space, dir, new LocalExecutor(workers), SweepProgress.NONE);
        Candidate c = new Candidate(store.trials().get(0).params(), store.trials());
        long stable = store.trials().stream()
                .filter(t -> t.status() != TrialStatus.FAILED && t.verdict() == Verdict.STABLE).count();
        String test = space.metric().name().replace("val_", "test_");
        return String.format(Locale.ROOT, "%s %.4f ± %.4f, stable %d/%d", test, c.mean(test), c.std(test), stable,
                store.trials().size());
    }

    private RecommendEvaluation() {
    }

}
