package dev.keel.sweep.train;

import dev.keel.sweep.config.LearningRateSchedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScheduledLearningRateTest {
    private static final double LR = 0.1;
    private static final int T = 1000;

    private static ScheduledLearningRate of(LearningRateSchedule kind) {
        return new ScheduledLearningRate(kind, LR, T);
    }

    @Test
    void constantNeverChanges() {
        ScheduledLearningRate s = of(LearningRateSchedule.CONSTANT);
        assertThat(s.at(0)).isEqualTo(LR);
        assertThat(s.at(T - 1)).isEqualTo(LR);
    }

    @Test
    void stepHalvesEveryThirtyPercentOfTheRun() {
        ScheduledLearningRate s = of(LearningRateSchedule.STEP);
        assertThat(s.at(299)).isEqualTo(LR);
        assertThat(s.at(300)).isEqualTo(LR / 2);
        assertThat(s.at(600)).isEqualTo(LR / 4);
        assertThat(s.at(999)).isEqualTo(LR / 8);
    }

    @Test
    void exponentialDecaysSmoothlyToOnePercent() {
        ScheduledLearningRate s = of(LearningRateSchedule.EXPONENTIAL);
        assertThat(s.at(0)).isEqualTo(LR);
        assertThat(s.at(500)).isCloseTo(LR * 0.1, within(1e-9));
        assertThat(s.at(999)).isCloseTo(LR * 0.01, within(LR * 1e-4));
        assertThat(s.at(1) / s.at(0)).isCloseTo(s.at(501) / s.at(500), within(1e-12));
    }

    @Test
    void inverseEndsAtATenth() {
        ScheduledLearningRate s = of(LearningRateSchedule.INVERSE);
        assertThat(s.at(0)).isEqualTo(LR);
        assertThat(s.at(500)).isCloseTo(LR / 5.5, within(1e-12));
        assertThat(s.at(999)).isCloseTo(LR / 10, within(LR * 1e-3));
    }

    @Test
    void polyFallsToNearZero() {
        ScheduledLearningRate s = of(LearningRateSchedule.POLY);
        assertThat(s.at(500)).isCloseTo(LR * Math.pow(0.5, 0.9), within(1e-12));
        assertThat(s.at(999)).isLessThan(LR * 0.002);
    }

    @Test
    void cosineIsHalfwayAtTheMiddle() {
        ScheduledLearningRate s = of(LearningRateSchedule.COSINE);
        assertThat(s.at(0)).isEqualTo(LR);
        assertThat(s.at(500)).isCloseTo(LR / 2, within(1e-12));
        assertThat(s.at(999)).isLessThan(LR * 1e-4);
    }

    @Test
    void oneCycleWarmsUpToThePeakThenAnnealsFarBelowTheStart() {
        ScheduledLearningRate s = of(LearningRateSchedule.ONE_CYCLE);
        assertThat(s.at(0)).isCloseTo(LR / 25, within(1e-12));
        assertThat(s.at(300)).isCloseTo(LR, within(1e-12));
        assertThat(s.at(150)).isBetween(LR / 25, LR);
        assertThat(s.at(999)).isLessThan(LR / 25 / 1e3);
        for (int t = 1; t <= 300; t++) {
            assertThat(s.at(t)).isGreaterThanOrEqualTo(s.at(t - 1));
        }
        for (int t = 301; t < T; t++) {
            assertThat(s.at(t)).isLessThanOrEqualTo(s.at(t - 1));
        }
    }

    @Test
    void warmupCosineRisesLinearlyOverFivePercentThenDecays() {
        ScheduledLearningRate s = of(LearningRateSchedule.WARMUP_COSINE);
        assertThat(s.at(0)).isCloseTo(LR / 50, within(1e-12));
        assertThat(s.at(24)).isCloseTo(LR / 2, within(1e-12));
        assertThat(s.at(49)).isCloseTo(LR, within(1e-12));
        assertThat(s.at(50)).isCloseTo(LR, within(1e-12));
        assertThat(s.at(525)).isCloseTo(LR / 2, within(1e-12));
        assertThat(s.at(999)).isLessThan(LR * 1e-4);
    }

    @Test
    void stepsBeyondThePlanKeepTheLastRate() {
        for (LearningRateSchedule kind : LearningRateSchedule.values()) {
            ScheduledLearningRate s = of(kind);
            assertThat(s.at(T + 500)).as(kind.token()).isEqualTo(s.at(T - 1));
            assertThat(s.valueAt(10, 3)).as(kind.token()).isEqualTo(s.at(10));
        }
    }
}
