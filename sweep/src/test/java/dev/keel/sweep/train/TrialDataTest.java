package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Table;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the network is fed: preprocessing fitted on the training rows, augmentation redrawn every epoch. */
class TrialDataTest {
    private static final PreparedData CANCER = TestDatasets.breastCancer();

    private static TrialData data(Map<String, ?> knobs) {
        return new TrialData(TrialConfig.fromParams(knobs), CANCER);
    }

    @Test
    void noPreprocessingFeedsTheRawFeatures() {
        Table t = data(Map.of("preprocess", "none")).epoch(new Random(1));
        assertThat(t.features()[5]).containsExactly(CANCER.train().features()[5]);
    }

    @Test
    void standardisingGivesTrainingColumnsMeanZeroAndUnitVariance() {
        Table t = data(Map.of("preprocess", "standardize")).epoch(new Random(1));
        for (int c = 0; c < t.columns(); c++) {
            double[] col = column(t, c);
            assertThat(mean(col)).isCloseTo(0, within(1e-9));
            assertThat(sd(col)).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void minmaxMapsTrainingColumnsOntoTheUnitInterval() {
        Table t = data(Map.of("preprocess", "minmax")).epoch(new Random(1));
        for (int c = 0; c < t.columns(); c++) {
            double[] col = column(t, c);
            assertThat(java.util.Arrays.stream(col).min().orElseThrow()).isCloseTo(0, within(1e-12));
            assertThat(java.util.Arrays.stream(col).max().orElseThrow()).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void augmentationRedrawsTheInputsEveryEpochWithTheGivenNoise() {
        TrialData plain = data(Map.of());
        Random rng = new Random(3);
        assertThat(plain.epoch(rng).features()[0]).containsExactly(plain.epoch(rng).features()[0]);

        TrialData noisy = data(Map.of("augment", "noise:0.2"));
        Table clean = plain.epoch(rng);
        Table first = noisy.epoch(rng);
        Table second = noisy.epoch(rng);
        assertThat(first.features()[0]).isNotEqualTo(second.features()[0]);
        double[] diffs = new double[clean.rows() * clean.columns()];
        for (int r = 0; r < clean.rows(); r++) {
            for (int c = 0; c < clean.columns(); c++) {
                diffs[r * clean.columns() + c] = first.features()[r][c] - clean.features()[r][c];
            }
        }
        assertThat(sd(diffs)).isCloseTo(0.2, within(0.01));
        assertThat(first.targets()).isSameAs(CANCER.train().targets());
    }

    @Test
    void augmentationReachesTheNetwork() {
        TrialConfig base = TrialConfig.fromParams(Map.of("epochs", 1));
        double plain = new Trainer().train(base, CANCER, 1, StopHook.NEVER).trace().loss().get(0);
        double noisy = new Trainer().train(base.with(Map.of("augment", "noise:0.5")), CANCER, 1, StopHook.NEVER)
                .trace().loss().get(0);
        assertThat(noisy).isNotEqualTo(plain);
    }

    @Test
    void regressionTargetsAreScaledByTheTrainingSplit() {
        PreparedData diabetes = TestDatasets.diabetes();
        TrialData d = new TrialData(TrialConfig.defaults(), diabetes);
        assertThat(d.targetMean()).isCloseTo(mean(diabetes.train().targets()), within(1e-9));
        assertThat(d.targetSd()).isCloseTo(sd(diabetes.train().targets()), within(1e-9));
        assertThat(data(Map.of()).targetSd()).isEqualTo(1.0);
    }

    private static double[] column(Table t, int c) {
        double[] v = new double[t.rows()];
        for (int r = 0; r < v.length; r++) {
            v[r] = t.features()[r][c];
        }
        return v;
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }
}
