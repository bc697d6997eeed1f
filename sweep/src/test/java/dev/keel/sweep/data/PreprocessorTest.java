package dev.keel.sweep.data;

import dev.keel.sweep.config.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreprocessorTest {
    /** Column 0: 0, 2, 4 (mean 2, sd √(8/3), min 0, max 4). Column 1: constant 7. */
    private static final Table TRAIN = new Table(new double[][] {{0, 7}, {2, 7}, {4, 7}}, new double[] {0, 1, 0});
    /** Far from the training rows, so statistics fitted on it would differ a lot. */
    private static final Table VALIDATION = new Table(new double[][] {{100, 7}, {200, 9}}, new double[] {1, 1});

    @Test
    void standardizeUsesTheTrainingMeanAndDeviationOnEverySplit() {
        Preprocessor p = Preprocessor.fit(Preprocessing.STANDARDIZE, TRAIN);
        double sd = Math.sqrt(8.0 / 3);
        Table train = p.apply(TRAIN);
        assertThat(column(train, 0)).containsExactly(new double[] {-2 / sd, 0, 2 / sd}, within(1e-12));
        Table validation = p.apply(VALIDATION);
        assertThat(validation.features()[0][0]).isCloseTo((100 - 2) / sd, within(1e-12));
        assertThat(validation.features()[1][0]).isCloseTo((200 - 2) / sd, within(1e-12));
        assertThat(validation.targets()).isSameAs(VALIDATION.targets());
    }

    @Test
    void minmaxMapsTheTrainingRangeToZeroOneAndOtherSplitsBeyondIt() {
        Preprocessor p = Preprocessor.fit(Preprocessing.MINMAX, TRAIN);
        assertThat(column(p.apply(TRAIN), 0)).containsExactly(0, 0.5, 1);
        assertThat(column(p.apply(VALIDATION), 0)).containsExactly(25, 50);
    }

    @Test
    void aConstantTrainingColumnIsCentredNotDividedByZero() {
        for (Preprocessing kind : new Preprocessing[] {Preprocessing.STANDARDIZE, Preprocessing.MINMAX}) {
            Preprocessor p = Preprocessor.fit(kind, TRAIN);
            assertThat(column(p.apply(TRAIN), 1)).as(kind.token()).containsOnly(0.0);
            assertThat(column(p.apply(VALIDATION), 1)).as(kind.token()).containsExactly(0, 2);
        }
    }

    @Test
    void noneLeavesTheFeaturesAlone() {
        Preprocessor p = Preprocessor.fit(Preprocessing.NONE, TRAIN);
        assertThat(p.apply(VALIDATION)).isSameAs(VALIDATION);
        assertThat(p.transform(0, 100)).isEqualTo(100);
    }

    @Test
    void onLoadedDataOnlyTheTrainingSplitIsExactlyCentred() {
        PreparedData cancer = DataLoader.load(DataSpec.of("builtin:breast_cancer", null), 4);
        Preprocessor p = Preprocessor.fit(Preprocessing.STANDARDIZE, cancer.train());
        Table train = p.apply(cancer.train());
        Table validation = p.apply(cancer.validation());
        for (int c = 0; c < cancer.features(); c++) {
            assertThat(mean(column(train, c))).isCloseTo(0, within(1e-9));
        }
        double validationOffset = 0;
        for (int c = 0; c < cancer.features(); c++) {
            validationOffset += Math.abs(mean(column(validation, c)));
        }
        assertThat(validationOffset).as("validation is scaled with the training mean, not its own").isGreaterThan(0.1);
    }

    private static double[] column(Table t, int c) {
        return Arrays.stream(t.features()).mapToDouble(r -> r[c]).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
