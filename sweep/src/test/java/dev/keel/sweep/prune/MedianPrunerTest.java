package dev.keel.sweep.prune;

import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MedianPrunerTest {
    private static MedianPruner withFinished(double[]... curves) {
        MedianPruner pruner = new MedianPruner();
        for (double[] c : curves) {
            pruner.finished(c);
        }
        return pruner;
    }

    @Test
    void nobodyIsPrunedBeforeFourTrialsHaveCompleted() {
        MedianPruner pruner = withFinished(new double[] {1, 0.5}, new double[] {1, 0.4}, new double[] {1, 0.3});

        assertThat(pruner.medianAt(2)).isNaN();
        assertThat(pruner.shouldPrune(2, 50)).isFalse();

        pruner.finished(new double[] {1, 0.2});
        assertThat(pruner.medianAt(2)).isEqualTo(0.35);
        assertThat(pruner.shouldPrune(2, 50)).isTrue();
    }

    @Test
    void nobodyIsPrunedAtTheFirstEpoch() {
        MedianPruner pruner = withFinished(new double[] {0.1}, new double[] {0.1}, new double[] {0.1},
                new double[] {0.1}, new double[] {0.1});

        assertThat(pruner.shouldPrune(1, 99)).isFalse();
    }

    @Test
    void aTrialAtOrBelowTheMedianGoesOnAndOneAboveItOrNotFiniteStops() {
        MedianPruner pruner = withFinished(new double[] {1, 0.5}, new double[] {1, 0.4}, new double[] {1, 0.3},
                new double[] {1, 0.2}, new double[] {1, 0.1});

        assertThat(pruner.medianAt(2)).isEqualTo(0.3);
        assertThat(pruner.shouldPrune(2, 0.3)).isFalse();
        assertThat(pruner.shouldPrune(2, 0.31)).isTrue();
        assertThat(pruner.shouldPrune(2, Double.NaN)).isTrue();
    }

    @Test
    void trialsThatStoppedBeforeAnEpochOrLackItsValueDoNotCountThere() {
        MedianPruner pruner = withFinished(new double[] {1, 0.5, 0.1}, new double[] {1, 0.4, 0.2},
                new double[] {1, 0.3, 0.3}, new double[] {1, 0.2, Double.NaN}, new double[] {1, 0.1});

        assertThat(pruner.medianAt(2)).isEqualTo(0.3);
        assertThat(pruner.medianAt(3)).isNaN();
        assertThat(pruner.shouldPrune(3, 9)).isFalse();
    }

    @Test
    void theCurveOfATraceIsItsValidationLossAtEachEpochsEnd() {
        // Three steps an epoch; the run stopped mid-epoch 3 and was validated there (a time budget).
        Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS, Trace.VAL_LOSS));
        double[][] rows = {{1, 2.0, Double.NaN}, {1, 1.8, Double.NaN}, {1, 1.5, 1.4}, {2, 1.2, Double.NaN},
                           {2, 1.0, Double.NaN}, {2, 0.9, 0.95}, {3, 0.8, Double.NaN}, {3, 0.7, 0.75}};
        for (int r = 0; r < rows.length; r++) {
            b.addRow(r + 1).set(Trace.EPOCH, rows[r][0]).set(Trace.LOSS, rows[r][1]);
            if (!Double.isNaN(rows[r][2])) {
                b.set(Trace.VAL_LOSS, rows[r][2]);
            }
        }

        double[] curve = MedianPruner.valLossByEpoch(b.build());

        assertThat(curve).hasSize(3);
        assertThat(curve[0]).isEqualTo(1.4);
        assertThat(curve[1]).isEqualTo(0.95);
        assertThat(curve[2]).isNaN();
    }

    @Test
    void aTraceWithoutValidationGivesAnEmptyCurve() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        b.addRow(1).set(Trace.LOSS, 1.0);

        assertThat(MedianPruner.valLossByEpoch(b.build())).isEmpty();
    }
}
