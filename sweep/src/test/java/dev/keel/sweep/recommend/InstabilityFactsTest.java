package dev.keel.sweep.recommend;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstabilityFactsTest {
    private static TrialRecord run(int id, String optimizer, double lr, String activation, Verdict v) {
        return new TrialRecord("t" + id, Map.of("optimizer", optimizer, "learning_rate", lr, "activation", activation),
                id, TrialStatus.COMPLETED, v, 0.9, null, List.of(), Map.of(), 3, 10, 1, null);
    }

    @Test
    void namesTheLearningRateAboveWhichAnOptimiserDiverged() {
        List<TrialRecord> trials = new ArrayList<>();
        int id = 0;
        for (double lr : new double[] {0.001, 0.01, 0.05}) {
            trials.add(run(id++, "sgd", lr, "relu", Verdict.STABLE));
        }
        for (double lr : new double[] {0.2, 0.5, 1.0, 3.0}) {
            trials.add(run(id++, "sgd", lr, "relu", Verdict.DIVERGING));
        }

        List<String> facts = InstabilityFacts.describe(trials, 5);

        assertThat(facts).contains("sgd above learning_rate 0.05 was diverging in 4/4 runs");
    }

    @Test
    void namesMostlyUnstableAndAlwaysStableValues() {
        List<TrialRecord> trials = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 4; i++) {
            trials.add(run(id++, "adam", 0.001, "sigmoid", i == 0 ? Verdict.STABLE : Verdict.VANISHING));
            trials.add(run(id++, "adam", 0.001, "elu", Verdict.STABLE));
        }

        List<String> facts = InstabilityFacts.describe(trials, 5);

        assertThat(facts).contains("activation sigmoid was vanishing in 3/4 runs", "activation elu: stable in all 4 runs");
    }

    @Test
    void mixedFailuresAreCountedByVerdict() {
        List<TrialRecord> trials = new ArrayList<>();
        int id = 0;
        for (double lr : new double[] {0.001, 0.003, 0.01}) {
            trials.add(run(id++, "adam", lr, "relu", Verdict.STABLE));
        }
        trials.add(run(id++, "adam", 0.3, "relu", Verdict.OSCILLATING));
        trials.add(run(id++, "adam", 1.0, "relu", Verdict.DIVERGING));
        trials.add(run(id++, "adam", 3.0, "relu", Verdict.DIVERGING));

        assertThat(InstabilityFacts.describe(trials, 5))
                .contains("adam above learning_rate 0.01 was unstable in 3/3 runs (2 diverging, 1 oscillating)");
    }

    @Test
    void saysNothingFromTooFewRuns() {
        List<TrialRecord> trials = List.of(run(0, "sgd", 0.01, "relu", Verdict.STABLE),
                run(1, "sgd", 1.0, "tanh", Verdict.DIVERGING));

        assertThat(InstabilityFacts.describe(trials, 5)).isEmpty();
    }

    @Test
    void listsReadAsASentence() {
        assertThat(InstabilityFacts.list(List.of("elu"))).isEqualTo("elu");
        assertThat(InstabilityFacts.list(List.of("elu", "gelu"))).isEqualTo("elu and gelu");
        assertThat(InstabilityFacts.list(List.of("adam", "momentum", "sgd"))).isEqualTo("adam, momentum and sgd");
    }

    private static TrialRecord nanAtStep(int id, double lr, long step) {
        return new TrialRecord("t" + id, Map.of("optimizer", "adam", "learning_rate", lr), id, TrialStatus.PRUNED,
                Verdict.DIVERGING, 1.0, step, List.of(new Finding(Rule.NON_FINITE_LOSS, null, step, Double.NaN,
                Double.NaN, "the loss became non-finite")), Map.of(), 1, (int) step, 0.1, null);
    }

    @Test
    void whenEveryTrialIsNanAtItsFirstStepTheDataIsBlamedNotTheLearningRate() {
        List<TrialRecord> trials = List.of(nanAtStep(0, 1e-5, 1), nanAtStep(1, 1e-3, 1), nanAtStep(2, 0.1, 1));

        assertThat(InstabilityFacts.dataLikelyCause(trials)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("the data, most likely: every trial's loss was NaN or infinite at its first step"));
        assertThat(InstabilityFacts.describe(trials, 4)).singleElement().asString().startsWith("the data, most likely")
                .doesNotContain("above learning_rate");
    }

    @Test
    void aTrialThatGotPastItsFirstStepOrOneSettingAloneBlamesNothing() {
        assertThat(InstabilityFacts.dataLikelyCause(List.of(nanAtStep(0, 1e-5, 1), nanAtStep(1, 1e-3, 12))))
                .isEmpty();
        assertThat(InstabilityFacts.dataLikelyCause(List.of(nanAtStep(0, 1e-3, 1), nanAtStep(1, 1e-3, 1)))).isEmpty();
        assertThat(InstabilityFacts.dataLikelyCause(List.of(nanAtStep(0, 1e-3, 1)))).isEmpty();
    }
}
