package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class MetricColumnTest {

    private static Trace accuracies(String metric, double... values) {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.VAL_METRIC)).metadata(Trace.VAL_METRIC, metric);
        for (int i = 0; i < values.length; i++) {
            b.addRow(i + 1).set(0, 1.0).set(1, values[i]);
        }
        return b.build();
    }

    @Test
    void theSizeOfAValidationSetIsReadFromTheStepsOfItsAccuracy() {
        // a Keras log to 4 decimals on 30 examples, one to 3 decimals on 90, percentages on 40
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 0.8667, 0.9333, 1.0, 0.9667, 0.9333)))
                .isEqualTo(OptionalInt.of(30));
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 0.989, 0.978, 0.967, 0.978, 0.956)))
                .isEqualTo(OptionalInt.of(90));
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 92.5, 95.0, 97.5, 90.0)))
                .isEqualTo(OptionalInt.of(40));
    }

    @Test
    void noSizeWhereTheValuesDoNotTellIt() {
        // too few values off 0 and 1; precision too coarse to tell n from n + 1; not an accuracy; values on no small
        // lattice
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 0.9667, 1.0, 0.9667, 1.0))).isEmpty();
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 0.91, 0.93, 0.95, 0.97))).isEmpty();
        assertThat(MetricColumn.validationExamples(accuracies("r2", 0.8667, 0.9333, 0.9667))).isEmpty();
        assertThat(MetricColumn.validationExamples(accuracies("accuracy", 0.912345, 0.937291, 0.951873, 0.966112)))
                .isEmpty();
    }

    @Test
    void aTraceThatSaysItsSizeIsTakenAtItsWord() {
        Trace t = Trace.builder(List.of(Trace.LOSS)).metadata(Trace.META_VAL_EXAMPLES, "270").addRow(1).set(0, 1.0)
                .build();
        assertThat(MetricColumn.validationExamples(t)).isEqualTo(OptionalInt.of(270));
    }
}
