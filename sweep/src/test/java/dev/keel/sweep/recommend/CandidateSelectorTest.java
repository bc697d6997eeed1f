package dev.keel.sweep.recommend;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateSelectorTest {
    private static int ids;

    private static List<TrialRecord> runs(Map<String, Object> params, Verdict[] verdicts, double... accuracies) {
        List<TrialRecord> out = new ArrayList<>();
        for (int i = 0; i < accuracies.length; i++) {
            out.add(new TrialRecord("t" + ids++, params, i, TrialStatus.COMPLETED, verdicts[i], 0.9, null,
                    List.of(), Map.of("val_accuracy", accuracies[i]), 5, 100, 1.0, null));
        }
        return out;
    }

    private static Map<String, Object> params(String optimizer, double lr) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("optimizer", optimizer);
        p.put("learning_rate", lr);
        return p;
    }

    private static Verdict[] all(Verdict v, int n) {
        Verdict[] out = new Verdict[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    @Test
    void stableOnAllSeedsBeatsAHigherButUnstableMean() {
        List<TrialRecord> trials = new ArrayList<>();
        trials.addAll(runs(params("sgd", 0.5), new Verdict[] {Verdict.STABLE, Verdict.DIVERGING, Verdict.STABLE},
                0.99, 0.98, 0.99));
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 3), 0.95, 0.96, 0.95));
        CandidateSelector selector = new CandidateSelector(Metric.named("val_accuracy"));

        Candidate chosen = selector.choose(CandidateSelector.group(trials)).orElseThrow();

        assertThat(chosen.params()).containsEntry("optimizer", "adam");
    }

    @Test
    void bestMeanWinsWhenClearlyAhead() {
        List<TrialRecord> trials = new ArrayList<>();
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 3), 0.90, 0.91, 0.90));
        trials.addAll(runs(params("adam", 0.01), all(Verdict.STABLE, 3), 0.96, 0.97, 0.96));
        CandidateSelector selector = new CandidateSelector(Metric.named("val_accuracy"));

        assertThat(selector.choose(CandidateSelector.group(trials)).orElseThrow().params())
                .containsEntry("learning_rate", 0.01);
    }

    @Test
    void nearTieGoesToLowerSpreadThenToSimplerSettings() {
        List<TrialRecord> trials = new ArrayList<>();
        // Mean 0.951 but noisy across seeds, and the defaults (adam, 0.001).
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 3), 0.97, 0.93, 0.953));
        // Mean 0.950, steady: within noise of the leader, so it wins on spread despite two non-default knobs.
        trials.addAll(runs(params("rmsprop", 0.003), all(Verdict.STABLE, 3), 0.950, 0.950, 0.950));
        CandidateSelector selector = new CandidateSelector(Metric.named("val_accuracy"));

        assertThat(selector.choose(CandidateSelector.group(trials)).orElseThrow().params())
                .containsEntry("optimizer", "rmsprop");
    }

    @Test
    void equalResultsPreferFewerKnobsAwayFromDefaults() {
        List<TrialRecord> trials = new ArrayList<>();
        trials.addAll(runs(params("rmsprop", 0.003), all(Verdict.STABLE, 2), 0.95, 0.95));
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 2), 0.95, 0.95));
        CandidateSelector selector = new CandidateSelector(Metric.named("val_accuracy"));

        assertThat(selector.choose(CandidateSelector.group(trials)).orElseThrow().params())
                .containsEntry("optimizer", "adam");
    }

    @Test
    void oneValidationExampleIsANearTieThatGoesToTheSteadierCandidate() {
        List<TrialRecord> trials = new ArrayList<>();
        // 85 validation rows: 0.9843 vs 0.9765 is less than one example (0.0118) apart.
        trials.addAll(runs(params("momentum", 0.016), all(Verdict.STABLE, 3), 0.9882, 0.9765, 0.9882));
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 3), 0.9765, 0.9765, 0.9765));

        assertThat(new CandidateSelector(Metric.named("val_accuracy"), 1.0 / 85)
                .choose(CandidateSelector.group(trials)).orElseThrow().params()).containsEntry("optimizer", "adam");
        assertThat(new CandidateSelector(Metric.named("val_accuracy"), 1.0 / 1000)
                .choose(CandidateSelector.group(trials)).orElseThrow().params()).containsEntry("optimizer", "momentum");
    }

    @Test
    void spreadsWithinOneExampleAreEqualAndTheSimplerCandidateWins() {
        List<TrialRecord> trials = new ArrayList<>();
        trials.addAll(runs(params("adam", 0.09), all(Verdict.STABLE, 3), 0.9882, 0.9882, 0.9882));
        trials.addAll(runs(params("adam", 0.001), all(Verdict.STABLE, 3), 0.9882, 0.9882, 0.9765));

        assertThat(new CandidateSelector(Metric.named("val_accuracy"), 1.0 / 85)
                .choose(CandidateSelector.group(trials)).orElseThrow().params()).containsEntry("learning_rate", 0.001);
    }

    @Test
    void minimisedMetricsChooseTheLowestLoss() {
        List<TrialRecord> trials = new ArrayList<>();
        for (Object[] c : new Object[][] {{"adam", 0.30}, {"sgd", 0.10}}) {
            for (int s = 0; s < 2; s++) {
                trials.add(new TrialRecord("m" + ids++, params((String) c[0], 0.01), s, TrialStatus.COMPLETED,
                        Verdict.STABLE, 0.9, null, List.of(), Map.of("val_loss", (Double) c[1]), 5, 100, 1, null));
            }
        }
        CandidateSelector selector = new CandidateSelector(Metric.named("val_loss"));

        assertThat(selector.choose(CandidateSelector.group(trials)).orElseThrow().params())
                .containsEntry("optimizer", "sgd");
    }

    @Test
    void noStableCandidateMeansNoRecommendation() {
        List<TrialRecord> trials = runs(params("sgd", 10), all(Verdict.DIVERGING, 2), 0.1, 0.1);
        CandidateSelector selector = new CandidateSelector(Metric.named("val_accuracy"));

        assertThat(selector.choose(CandidateSelector.group(trials))).isEmpty();
    }
}
