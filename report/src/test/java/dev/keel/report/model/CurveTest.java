package dev.keel.report.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class CurveTest {

    @Test
    void thinningKeepsSpikesAndBothEndsWithinTheBudget() {
        int n = 20_000;
        long[] steps = new long[n];
        double[] loss = new double[n];
        BitSet present = new BitSet();
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            loss[i] = 1.0 / (1 + i * 0.01);
            present.set(i);
        }
        loss[12_345] = 50;   // one spike
        loss[777] = 1e-9;    // one dip
        Curve c = Curve.thin("loss", steps, loss, present, 400);
        assertThat(c.size()).isLessThanOrEqualTo(400);
        assertThat(c.x()[0]).isEqualTo(0);
        assertThat(c.x()[c.size() - 1]).isEqualTo(n - 1);
        assertThat(Arrays.stream(c.y()).max().orElseThrow()).isEqualTo(50);
        assertThat(Arrays.stream(c.y()).min().orElseThrow()).isEqualTo(1e-9);
        for (int i = 1; i < c.size(); i++) {
            assertThat(c.x()[i]).isGreaterThan(c.x()[i - 1]);
        }
    }

    @Test
    void absentAndNonFiniteCellsAreNotDrawn() {
        long[] steps = {0, 1, 2, 3, 4};
        double[] v = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5};
        BitSet present = new BitSet();
        present.set(0, 5);
        present.clear(4);
        Curve c = Curve.thin("loss", steps, v, present, 400);
        assertThat(c.x()).containsExactly(0, 2);
        assertThat(c.y()).containsExactly(1, 3);
    }
}
