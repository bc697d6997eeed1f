package dev.keel.sweep.sampler;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TpeSamplerTest extends SamplerContract {
    private static final Metric ACCURACY = Metric.named("val_accuracy");

    @Override
    Sampler sampler(List<Parameter> parameters, long seed) {
        return new TpeSampler(parameters, seed, ACCURACY, TpeSampler.Settings.DEFAULT);
    }

    /** Optimiser × learning rate × depth, as in the quickstart. */
    private static List<Parameter> space() {
        return List.of(
                new Choice("optimizer", List.of("sgd", "momentum", "adam")),
                new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 10, null),
                new Distribution("depth", DistributionKind.INT_UNIFORM, 1, 8, null));
    }

    /**
     * Training as the quickstart shows it: each optimiser stable below its own largest rate (adam 3e-3, momentum
     * 0.03, sgd 0.3), deep networks vanishing with sgd, and accuracy best just below the limit.
     */
    static SyntheticSweep.Result train(Map<String, Object> c) {
        double lr = (double) c.get("learning_rate");
        int depth = (int) c.get("depth");
        double limit = switch ((String) c.get("optimizer")) {
            case "adam" -> 3e-3;
            case "momentum" -> 3e-2;
            default -> 3e-1;
        };
        if (lr > limit * 3) {
            return new SyntheticSweep.Result(Verdict.DIVERGING, 0.1);
        }
        if (lr > limit) {
            return new SyntheticSweep.Result(Verdict.OSCILLATING, 0.5);
        }
        if (depth > 6 && c.get("optimizer").equals("sgd")) {
            return new SyntheticSweep.Result(Verdict.VANISHING, 0.1);
        }
        double distance = Math.log10(limit / lr);
        return new SyntheticSweep.Result(Verdict.STABLE, 0.98 - 0.05 * distance - 0.005 * Math.abs(depth - 3));
    }

    @Test
    void afterTheStartupTrialsTheModelChoosesAndSaysSo() {
        TpeSampler tpe = new TpeSampler(space(), 1, ACCURACY, TpeSampler.Settings.DEFAULT.withStartupTrials(5));
        List<TrialRecord> trials = SyntheticSweep.run(tpe, 12, TpeSamplerTest::train);
        assertThat(trials).extracting(TrialRecord::chosenBy).containsExactly(
                ChosenBy.STARTUP, ChosenBy.STARTUP, ChosenBy.STARTUP, ChosenBy.STARTUP, ChosenBy.STARTUP,
                ChosenBy.MODEL, ChosenBy.MODEL, ChosenBy.MODEL, ChosenBy.MODEL, ChosenBy.MODEL, ChosenBy.MODEL,
                ChosenBy.MODEL);
        // The startup draws are random's draws with the same seed, so bayes and random start alike.
        RandomSampler random = new RandomSampler(space(), 1);
        for (int i = 0; i < 5; i++) {
            assertThat(trials.get(i).params()).isEqualTo(random.sample(i, SearchHistory.EMPTY).values());
        }
    }

    @Test
    void theSameFinishedTrialsGiveTheSameSuggestionInWhateverOrderTheyFinished() {
        List<TrialRecord> finished = SyntheticSweep.run(new RandomSampler(space(), 4), 20, TpeSamplerTest::train);
        List<TrialRecord> shuffled = new ArrayList<>(finished);
        Collections.shuffle(shuffled, new java.util.Random(9));
        TpeSampler tpe = new TpeSampler(space(), 2, ACCURACY, TpeSampler.Settings.DEFAULT);
        Suggestion a = tpe.sample(20, new SearchHistory(finished, List.of()));
        Suggestion b = new TpeSampler(space(), 2, ACCURACY, TpeSampler.Settings.DEFAULT)
                .sample(20, new SearchHistory(shuffled, List.of()));
        assertThat(b).isEqualTo(a);
        assertThat(a.chosenBy()).isEqualTo(ChosenBy.MODEL);
    }

    @Test
    void itSpendsFewerTrialsWhereTrainingIsUnstableThanRandomAndFindsAsGoodAStableOne() {
        List<Long> tpeUnstable = new ArrayList<>();
        List<Long> randomUnstable = new ArrayList<>();
        List<Double> tpeBest = new ArrayList<>();
        List<Double> randomBest = new ArrayList<>();
        for (long seed = 0; seed < 7; seed++) {
            List<TrialRecord> tpe = SyntheticSweep.run(
                    new TpeSampler(space(), seed, ACCURACY, TpeSampler.Settings.DEFAULT), 40, TpeSamplerTest::train);
            List<TrialRecord> random = SyntheticSweep.run(new RandomSampler(space(), seed), 40, TpeSamplerTest::train);
            tpeUnstable.add(SyntheticSweep.unstable(tpe));
            randomUnstable.add(SyntheticSweep.unstable(random));
            tpeBest.add(SyntheticSweep.bestStable(tpe));
            randomBest.add(SyntheticSweep.bestStable(random));
        }
        assertThat(SyntheticSweep.median(tpeUnstable)).as("unstable trials, bayes %s vs random %s", tpeUnstable,
                randomUnstable).isLessThanOrEqualTo(SyntheticSweep.median(randomUnstable) / 2);
        assertThat(SyntheticSweep.median(tpeBest)).as("best stable accuracy, bayes %s vs random %s", tpeBest,
                randomBest).isGreaterThanOrEqualTo(SyntheticSweep.median(randomBest) - 0.005);
    }

    @Test
    void aSmallBudgetSpendsFewerTrialsOnRandomDrawsThanOptunasTen() {
        TpeSampler.Settings d = TpeSampler.Settings.DEFAULT;
        assertThat(d.forBudget(40).startupTrials()).isEqualTo(5);
        assertThat(d.forBudget(30).startupTrials()).isEqualTo(5);
        assertThat(d.forBudget(8).startupTrials()).isEqualTo(5);
        assertThat(d.forBudget(60).startupTrials()).isEqualTo(6);
        assertThat(d.forBudget(100).startupTrials()).isEqualTo(10);
        assertThat(d.forBudget(1000).startupTrials()).isEqualTo(10);
        assertThat(d.withStartupTrials(3).forBudget(40).startupTrials()).isEqualTo(3);
    }

    /**
     * The criterion on synthetic six-knob landscapes (not on any real dataset): on two workers with a budget
     * of 40, over 5 sampler seeds, bayes spends at most half of random's unstable trials (median) with a best
     * stable accuracy within 0.005 of random's, on each of four landscapes drawn at random.
     */
    @Test
    void onSixKnobLandscapesOnTwoWorkersItSpendsAtMostHalfOfRandomsUnstableTrials() {
        for (long k = 0; k < 4; k++) {
            var training = SixKnobLandscapes.landscape(k);
            List<Long> tpeUnstable = new ArrayList<>();
            List<Long> randomUnstable = new ArrayList<>();
            List<Double> tpeBest = new ArrayList<>();
            List<Double> randomBest = new ArrayList<>();
            for (long seed = 1; seed <= 5; seed++) {
                List<TrialRecord> tpe = SixKnobLandscapes.runOnTwoWorkers(new TpeSampler(SixKnobLandscapes.space(),
                        seed, ACCURACY, TpeSampler.Settings.DEFAULT.forBudget(40)), 40, training);
                List<TrialRecord> random = SixKnobLandscapes.runOnTwoWorkers(
                        new RandomSampler(SixKnobLandscapes.space(), seed), 40, training);
                tpeUnstable.add(SyntheticSweep.unstable(tpe));
                randomUnstable.add(SyntheticSweep.unstable(random));
                tpeBest.add(SyntheticSweep.bestStable(tpe));
                randomBest.add(SyntheticSweep.bestStable(random));
            }
            assertThat(SyntheticSweep.median(tpeUnstable)).as("landscape %d: unstable trials, bayes %s vs random %s",
                    k, tpeUnstable, randomUnstable).isLessThanOrEqualTo(SyntheticSweep.median(randomUnstable) / 2);
            assertThat(SyntheticSweep.median(tpeBest)).as("landscape %d: best stable accuracy, bayes %s vs random %s",
                    k, tpeBest, randomBest).isGreaterThanOrEqualTo(SyntheticSweep.median(randomBest) - 0.005);
        }
    }

    @Test
    void runningTrialsCountAsBadSoParallelWorkersDoNotAllAskForTheSamePlace() {
        List<TrialRecord> finished = SyntheticSweep.run(new RandomSampler(space(), 5), 15, TpeSamplerTest::train);
        TpeSampler tpe = new TpeSampler(space(), 3, ACCURACY, TpeSampler.Settings.DEFAULT);
        Suggestion alone = tpe.sample(15, new SearchHistory(finished, List.of()));
        List<Map<String, Object>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(alone.values());
        }
        Suggestion beside = tpe.sample(15, new SearchHistory(finished, running));
        assertThat(beside.values()).isNotEqualTo(alone.values());
        TpeSampler honest = new TpeSampler(space(), 3, ACCURACY, TpeSampler.Settings.DEFAULT.withConstantLiar(false));
        assertThat(honest.sample(15, new SearchHistory(finished, running)).values())
                .isEqualTo(honest.sample(15, new SearchHistory(finished, List.of())).values());
    }

    @Test
    void aKnobThatExistsOnlyForSomeValuesOfAnotherIsDrawnOnlyThereAndModelledWhereItExisted() {
        Choice optimizer = new Choice("optimizer", List.of("adam", "adamw"));
        Parameter decay = new Conditional(new Distribution("weight_decay", DistributionKind.LOG_UNIFORM_VALUES,
                1e-5, 1e-1, null), "optimizer", List.of("adamw"));
        List<Parameter> parameters = List.of(optimizer,
                new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 1, null), decay);
        TpeSampler tpe = new TpeSampler(parameters, 6, ACCURACY, TpeSampler.Settings.DEFAULT);
        List<TrialRecord> trials = SyntheticSweep.run(tpe, 40, c -> {
            double lr = (double) c.get("learning_rate");
            double wd = (double) c.get("weight_decay");
            boolean stable = lr < 3e-3 && wd < 1e-2;
            return new SyntheticSweep.Result(stable ? Verdict.STABLE : Verdict.DIVERGING,
                    stable ? 0.9 + (c.get("optimizer").equals("adamw") ? 0.05 * Math.log10(wd / 1e-5) / 3 : 0) : 0.1);
        });
        for (TrialRecord t : trials) {
            if (t.params().get("optimizer").equals("adam")) {
                assertThat(t.params().get("weight_decay")).as(t.id()).isEqualTo(0.0);
            } else {
                assertThat(decay.contains(t.params().get("weight_decay"))).isTrue();
                assertThat((double) t.params().get("weight_decay")).as(t.id()).isBetween(1e-5, 1e-1);
            }
        }
        long modelAdamw = trials.stream().filter(t -> t.chosenBy() == ChosenBy.MODEL)
                .filter(t -> t.params().get("optimizer").equals("adamw")).count();
        assertThat(modelAdamw).as("adamw with a decay near 1e-2 is best: the model goes there").isGreaterThan(15);
    }
}
