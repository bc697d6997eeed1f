package dev.keel.sweep.space;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributionTest {
    @Test
    void quantisedValuesAreExactDecimalsInsideTheRange() {
        Distribution dropout = new Distribution("dropout", DistributionKind.UNIFORM, 0.05, 0.5, 0.1);
        assertThat(dropout.valueAt(0.0)).as("0.05 snaps to the first multiple inside").isEqualTo(0.1);
        assertThat(dropout.valueAt(0.56)).isEqualTo(0.3);
        assertThat(dropout.valueAt(0.999)).isEqualTo(0.5);
        assertThat(dropout.contains(0.3)).isTrue();
        assertThat(dropout.contains(0.35)).isFalse();
    }

    @Test
    void integerKnobsGetWholeNumbersFromAnyDistribution() {
        Distribution batch = new Distribution("batch_size", DistributionKind.LOG_UNIFORM_VALUES, 16, 256, null);
        assertThat(batch.valueAt(0.0)).isEqualTo(16);
        assertThat(batch.valueAt(0.5)).isEqualTo(64);
        assertThat(batch.valueAt(0.9999999)).isEqualTo(256);
        assertThat(batch.contains(64.0)).as("a double is not a batch size").isFalse();
        assertThatThrownBy(() -> new Distribution("width", DistributionKind.UNIFORM, 8, 64, 0.5))
                .hasMessage("key 'parameters.width.q': q must be a whole number for the integer knob width, was 0.5");
    }

    @Test
    void intUniformIncludesBothEndsEquallyAndQLogDefaultsToWholeNumbers() {
        Distribution depth = new Distribution("depth", DistributionKind.INT_UNIFORM, 1, 4, null);
        assertThat(List.of(depth.valueAt(0.0), depth.valueAt(0.26), depth.valueAt(0.74), depth.valueAt(0.99)))
                .containsExactly(1, 2, 3, 4);
        assertThat(depth.points()).containsExactly(1, 2, 3, 4);

        Distribution l2 = new Distribution("l2", DistributionKind.Q_LOG_UNIFORM_VALUES, 1, 1000, null);
        assertThat(l2.valueAt(0.5)).isEqualTo(32.0);
        assertThatThrownBy(() -> new Distribution("learning_rate", DistributionKind.Q_LOG_UNIFORM_VALUES, 0.001, 0.1, null))
                .hasMessage("key 'parameters.learning_rate.min': no multiple of 1 lies between min 0.001 and max 0.1");
    }

    @Test
    void gradientClippingRangesOverItsNormThreshold() {
        Distribution clip = new Distribution("gradient_clipping", DistributionKind.LOG_UNIFORM_VALUES, 0.1, 10, null);
        assertThat((double) clip.valueAt(0.5)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(KnobDomain.canonical("gradient_clipping", clip.valueAt(0.5))).isInstanceOf(Double.class);
    }
}
