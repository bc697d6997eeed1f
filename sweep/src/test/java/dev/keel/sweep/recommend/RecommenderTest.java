package dev.keel.sweep.recommend;

import dev.keel.sweep.run.LocalExecutor;
import dev.keel.sweep.run.SweepProgress;
import dev.keel.sweep.run.SweepRunner;
import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** keel recommend end to end on tiny budgets: the stages, the choice, and recommended.yaml re-running as is. */
class RecommenderTest {
    private static final Recommender.Stages QUIET = (stage, description) -> SweepProgress.NONE;

    @Test
    void twoStagesOnATrialBudgetWriteAYamlThatKeelSweepRunsAsIs(@TempDir Path dir)
            throws IOException, InterruptedException {
        RecommendRequest request = new RecommendRequest("builtin:iris", null, 12, null, dir.resolve("rec"), 2, 3);

        Recommendation r = new Recommender(request, LocalExecutor::new, QUIET).run();

        // 12 trials: one screened candidate and the plain defaults, 3 seeds each, leave 6 for the screen.
        assertThat(r.screen().trials()).hasSize(6);
        assertThat(r.confirm().trials()).hasSizeBetween(3, 6).hasSize(r.candidates().size() * Recommender.SEEDS);
        assertThat(r.candidates()).anySatisfy(c -> assertThat(c.params())
                .containsEntry("optimizer", "adam").containsEntry("learning_rate", 0.001)
                .containsEntry("activation", "relu"));
        assertThat(r.chosen()).isNotNull();
        assertThat(r.stableOnAll()).isTrue();
        assertThat(r.chosen().stableOnAllSeeds()).isTrue();
        assertThat(r.reason()).startsWith("stable on all 3 seeds with val_accuracy");

        String yaml = Files.readString(r.yaml());
        assertThat(yaml).contains("# Why: stable on all 3 seeds", "repeats: 3", "method: grid",
                "source: \"builtin:iris\"", "  learning_rate:\n    value: ");
        SweepSpace space = SpaceParser.parse(r.yaml());
        TrialPlan plan = TrialPlan.of(space);
        assertThat(plan.size()).isEqualTo(3);
        assertThat(plan.trials().get(0).params()).isEqualTo(r.chosen().params());

        ResultStore rerun = SweepRunner.start(space.withSeed(11), dir.resolve("rerun"), new LocalExecutor(2),
                SweepProgress.NONE);
        assertThat(rerun.trials()).hasSize(3).allSatisfy(t -> assertThat(t.metrics().get("test_accuracy")).isNotNull());
    }

    @Test
    void aCsvWithMissingValuesAndCategoriesNeedsNoExtraFlags(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path csv = dir.resolve("flowers.csv");
        List<String> lines;
        try (var in = RecommenderTest.class.getResourceAsStream("/dev/keel/sweep/data/builtin/iris.csv")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + ",garden");
        for (int i = 1; i < lines.size(); i++) {
            String row = lines.get(i) + "," + (i % 3 == 0 ? "north" : i % 3 == 1 ? "south" : "");
            out.add(i % 7 == 0 ? row.replaceFirst("^[^,]*", "NA") : row);
        }
        Files.write(csv, out);

        Recommendation r = new Recommender(new RecommendRequest(csv.toString(), "species", 12, null,
                dir.resolve("rec"), 2, 0), LocalExecutor::new, QUIET).run();

        assertThat(r.screen().manifest().data().notes()).anySatisfy(n -> assertThat(n).contains("imputed"));
        assertThat(r.screen().manifest().data().features()).isGreaterThan(4);
        assertThat(r.yaml()).exists();
        assertThat(Files.readString(r.yaml())).contains("source: \"" + csv.toAbsolutePath().normalize() + "\"",
                "target: \"species\"");
        List<TrialRecord> all = new ArrayList<>(r.screen().trials());
        all.addAll(r.confirm().trials());
        assertThat(all).allSatisfy(t -> assertThat(t.error()).isNull());
    }

    @Test
    void trialBudgetSplitsIntoScreeningAndConfirmation() {
        assertThat(Recommender.screenTrials(12)).isEqualTo(6);
        assertThat(Recommender.screenTrials(40)).isEqualTo(40 - 5 * 3);
        assertThat(Recommender.candidateCount(100)).isEqualTo(Recommender.MAX_CANDIDATES);
    }

    @Test
    void underATimeBudgetTheScreenNeverPlansMoreThanHalfTheTimeLeft() {
        // 8 trials took 10 s and 12 s are left: a whole chunk more would take 10 s, five sixths of what is left.
        assertThat(Recommender.nextChunk(8, 8, 10, 12)).isEqualTo(4);
        for (double left : new double[] {1.3, 2.6, 12, 40, 200}) {
            for (double took : new double[] {0.5, 3, 10, 60}) {
                int more = Recommender.nextChunk(8, 8, took, left);
                assertThat(more * took / 8).as("%d trials at %.2f s each, %.1f s left", more, took / 8, left)
                        .isLessThanOrEqualTo(left / 2);
            }
        }
        assertThat(Recommender.nextChunk(8, 8, 10, 2)).as("half of what is left is less than a trial").isZero();
        assertThat(Recommender.nextChunk(500, 8, 1, 1000)).isEqualTo(Recommender.MAX_SCREEN_TRIALS - 500);
        assertThat(Recommender.nextChunk(Recommender.MAX_SCREEN_TRIALS, 8, 1, 1000)).isZero();
    }

    @Test
    void withoutABudgetRecommendTakesFiveMinutesOfWallClock() {
        RecommendRequest request = new RecommendRequest("builtin:iris", null, null, null, Path.of("x"), 2, 0);
        assertThat(request.timeBudget()).isTrue();
        assertThat(request.budgetMinutes()).isEqualTo(5.0);
    }

    @Test
    void networkIsSizedToTheData() {
        assertThat(Recommender.sizedToData(dev.keel.sweep.data.DataLoader.load(
                dev.keel.sweep.data.DataSpec.of("builtin:digits", null), 0)))
                .isEqualTo(Map.of("depth", 2, "width", 128));
        assertThat(Recommender.sizedToData(dev.keel.sweep.data.DataLoader.load(
                dev.keel.sweep.data.DataSpec.of("builtin:iris", null), 0)))
                .isEqualTo(Map.of("depth", 2, "width", 64));
    }
}
