package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.recommend.CandidateSelector;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationTest {

    @Test
    void withRepeatsAConfigurationCountsAsStableOnlyIfEverySeedIs() {
        Map<String, Object> fast = Map.of("optimizer", "sgd", "learning_rate", 0.5);
        Map<String, Object> safe = Map.of("optimizer", "adam", "learning_rate", 0.001);
        Map<String, Object> slow = Map.of("optimizer", "adam", "learning_rate", 0.0001);
        SweepResults sweep = Trials.sweep(2, List.of(
                Trials.trial("a1", fast, Verdict.STABLE, 0.10),      // best loss, but one seed diverged
                Trials.trial("a2", fast, Verdict.DIVERGING, Double.NaN),
                Trials.trial("b1", safe, Verdict.STABLE, 0.30),
                Trials.trial("b2", safe, Verdict.STABLE, 0.34),
                Trials.trial("c1", slow, Verdict.STABLE, 0.50),
                Trials.trial("c2", slow, Verdict.STABLE, 0.52)));

        Recommendation r = Recommendation.of(sweep);

        assertThat(r.found()).isTrue();
        assertThat(r.best().params()).isEqualTo(safe);
        assertThat(r.best().trialIds()).containsExactly("b1", "b2");
        assertThat(r.best().metric()).isCloseTo(0.32, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.stableConfigs()).isEqualTo(2);
        assertThat(r.configs()).isEqualTo(3);
        assertThat(r.reason()).startsWith("Stable in all 2 seeds, with the best mean val_loss (0.32, range 0.3 to 0.34)")
                .contains("of the 2 stable configurations out of 3").contains("runner-up reached 0.51");
    }

    @Test
    void withoutAStableConfigurationNothingIsRecommendedAndTheReasonSaysSo() {
        SweepResults sweep = Trials.sweep(1, List.of(
                Trials.trial("a", Map.of("learning_rate", 3.0), Verdict.DIVERGING, Double.NaN),
                Trials.trial("b", Map.of("learning_rate", 1.0), Verdict.OSCILLATING, 2.0)));
        Recommendation r = Recommendation.of(sweep);
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).startsWith("No configuration trained stably");
    }

    @Test
    void sampledRatesThatPrintAlikeAreStillDifferentConfigurations() {
        SweepResults sweep = Trials.sweep(1, List.of(
                Trials.trial("a", Map.of("learning_rate", 0.00123451), Verdict.STABLE, 0.3),
                Trials.trial("b", Map.of("learning_rate", 0.00123452), Verdict.STABLE, 0.2)));
        Recommendation r = Recommendation.of(sweep);
        assertThat(r.configs()).isEqualTo(2);
        assertThat(r.best().trialIds()).containsExactly("b");
        assertThat(r.reason()).startsWith("Stable, with the best val_loss (0.2)");
    }

    /**
     * keel recommend's confirmation on breast_cancer (issue 15): the defaults and a tuned setting, three seeds each on
     * 85 validation rows. The tuned one has the better mean by less than one validation example, so keel recommend
     * wrote the defaults to recommended.yaml while the report, ranking by the mean alone, recommended the tuned one.
     */
    @Test
    void theReportRecommendsWhatKeelRecommendChoosesKnobByKnob() {
        Map<String, Object> defaults = TrialConfig.defaults().toParams();
        Map<String, Object> tuned = new LinkedHashMap<>(defaults);
        tuned.putAll(Map.of("activation", "tanh", "learning_rate", 0.0908, "lr_schedule", "warmup_cosine",
                "batch_size", 64, "l2", 0.001, "dropout", 0.3, "gradient_clipping", 1.0, "batch_norm", true));
        List<TrialRecord> trials = new ArrayList<>();
        double[][] accuracies = {{0.9882, 0.9882, 0.9882}, {0.9765, 0.9882, 0.9882}};
        List<Map<String, Object>> configs = List.of(tuned, defaults);
        for (int c = 0; c < configs.size(); c++) {
            for (int seed = 0; seed < 3; seed++) {
                trials.add(new TrialRecord("t000" + c + "-r" + seed, configs.get(c), seed, TrialStatus.COMPLETED,
                        Verdict.STABLE, 0.9, null, List.of(), Map.of("val_accuracy", accuracies[c][seed]), 40, 400,
                        1, null));
            }
        }
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("repeats", 3);
        space.put("metric", Map.of("name", "val_accuracy", "goal", "maximize"));
        DataSummary data = new DataSummary("builtin:breast_cancer", "target", "classification", 569, 30,
                List.of("0", "1"), 399, 85, 85, "f", List.of());
        SweepResults sweep = SweepResults.of(Path.of("confirm"), new SweepManifest("recommend-breast_cancer-confirm",
                "", space, 0, 6, "test", "test", "2026-12-02T00:00:00Z", data), trials);

        Recommendation report = Recommendation.of(sweep);
        Map<String, Object> recommend = CandidateSelector.forSweep(Metric.named("val_accuracy"), data)
                .choose(CandidateSelector.group(trials)).orElseThrow().params();

        assertThat(report.found()).isTrue();
        for (String knob : TrialConfig.KNOBS) {
            assertThat(report.best().params().get(knob)).as(knob).isEqualTo(recommend.get(knob));
        }
        assertThat(report.best().params()).isEqualTo(defaults);
        assertThat(report.reason()).startsWith("Stable in all 3 seeds, with mean val_accuracy (0.9843, range 0.9765 to "
                + "0.9882), within noise of the best (0.9882)").endsWith("chosen for fewer settings away from the "
                + "defaults.");
    }
}
