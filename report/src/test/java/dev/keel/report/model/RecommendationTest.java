package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import org.junit.jupiter.api.Test;

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
}
