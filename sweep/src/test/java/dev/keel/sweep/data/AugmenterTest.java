package dev.keel.sweep.data;

import dev.keel.sweep.config.Augmentation;
import dev.keel.sweep.config.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AugmenterTest {
    private static Table rows(int n, int columns) {
        Random rng = new Random(1);
        double[][] f = new double[n][columns];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns; c++) {
                f[i][c] = rng.nextGaussian();
            }
            t[i] = i % 3;
        }
        return new Table(f, t);
    }

    @Test
    void noiseChangesTheInputsEveryEpochAndKeepsTheTargets() {
        Table raw = rows(200, 4);
        double[][] before = Arrays.stream(raw.features()).map(double[]::clone).toArray(double[][]::new);
        Preprocessor none = Preprocessor.fit(Preprocessing.NONE, raw);
        Augmenter augmenter = new Augmenter(new Augmentation(0.1), null, none);
        Random rng = new Random(7);
        Table epoch1 = augmenter.apply(raw, rng);
        Table epoch2 = augmenter.apply(raw, rng);

        assertThat(epoch1.features()[0]).isNotEqualTo(epoch2.features()[0]);
        assertThat(epoch1.targets()).containsExactly(raw.targets());
        assertThat(epoch2.targets()).containsExactly(raw.targets());
        assertThat(raw.features()).as("the raw table is not modified").isDeepEqualTo(before);

        double sumSquares = 0;
        int count = 0;
        for (int r = 0; r < raw.rows(); r++) {
            for (int c = 0; c < raw.columns(); c++) {
                double d = epoch1.features()[r][c] - raw.features()[r][c];
                sumSquares += d * d;
                count++;
            }
        }
        assertThat(Math.sqrt(sumSquares / count)).as("noise has the configured sigma").isCloseTo(0.1, within(0.01));
    }

    @Test
    void noiseIsAddedAfterPreprocessingSoSigmaIsInStandardUnits() {
        double[][] f = new double[100][1];
        for (int i = 0; i < f.length; i++) {
            f[i][0] = 1000 + 100 * (i % 2 == 0 ? 1 : -1);
        }
        Table raw = new Table(f, new double[100]);
        Preprocessor standardize = Preprocessor.fit(Preprocessing.STANDARDIZE, raw);
        Table out = new Augmenter(new Augmentation(0.05), null, standardize).apply(raw, new Random(1));
        for (int r = 0; r < raw.rows(); r++) {
            assertThat(out.features()[r][0]).isCloseTo(r % 2 == 0 ? 1 : -1, within(0.3));
        }
    }

    @Test
    void imagesAreShiftedByAtMostOnePixelAndTheShiftVariesBetweenEpochs() {
        ImageShape shape = new ImageShape(1, 5, 5);
        double[] image = new double[25];
        image[2 * 5 + 2] = 1;
        Table raw = new Table(new double[][] {image}, new double[] {4});
        Preprocessor none = Preprocessor.fit(Preprocessing.NONE, raw);
        Augmenter augmenter = new Augmenter(new Augmentation(1e-6), shape, none);
        Random rng = new Random(3);
        Set<Integer> positions = new HashSet<>();
        for (int epoch = 0; epoch < 50; epoch++) {
            double[] out = augmenter.apply(raw, rng).features()[0];
            int brightest = 0;
            for (int p = 1; p < out.length; p++) {
                brightest = out[p] > out[brightest] ? p : brightest;
            }
            assertThat(out[brightest]).isCloseTo(1, within(1e-4));
            assertThat(Math.abs(brightest / 5 - 2)).isLessThanOrEqualTo(1);
            assertThat(Math.abs(brightest % 5 - 2)).isLessThanOrEqualTo(1);
            positions.add(brightest);
        }
        assertThat(positions).as("over 50 epochs the pixel lands in several places").hasSizeGreaterThan(3);
    }

    @Test
    void withoutAugmentationAnEpochIsJustThePreprocessedTable() {
        Table raw = rows(10, 2);
        Preprocessor standardize = Preprocessor.fit(Preprocessing.STANDARDIZE, raw);
        Augmenter off = new Augmenter(Augmentation.NONE, null, standardize);
        assertThat(off.enabled()).isFalse();
        assertThat(off.apply(raw, new Random(1)).features()).isDeepEqualTo(standardize.apply(raw).features());
    }
}
