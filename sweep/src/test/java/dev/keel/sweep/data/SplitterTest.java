package dev.keel.sweep.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SplitterTest {
    private static final List<String> THREE = List.of("a", "b", "c");

    /** 100 rows of class a, 40 of b, 9 of c, in file order. */
    private static double[] imbalanced() {
        return IntStream.range(0, 149).mapToDouble(i -> i < 100 ? 0 : i < 140 ? 1 : 2).toArray();
    }

    private static DataSpec spec(double train, double validation, double test, boolean stratify) {
        return new DataSpec("x.csv", "y", null, train, validation, test, stratify);
    }

    private static DataSplit split(double[] targets, List<String> classes, DataSpec spec, long seed) {
        return Splitter.split(targets, classes, spec, seed, "data file 'x.csv'");
    }

    private static int count(double[] targets, int[] rows, int cls) {
        return (int) Arrays.stream(rows).filter(r -> targets[r] == cls).count();
    }

    @Test
    void stratifiedSplitsKeepEachClassInTheSpecsShares() {
        double[] y = imbalanced();
        DataSpec spec = DataSpec.of("x.csv", "y");
        DataSplit s = split(y, THREE, spec, 3);
        int[] sizes = {100, 40, 9};
        for (int c = 0; c < 3; c++) {
            assertThat(count(y, s.validation(), c)).as("class %d in validation", c)
                    .isCloseTo((int) Math.round(sizes[c] * 0.15), org.assertj.core.data.Offset.offset(1));
            assertThat(count(y, s.test(), c)).as("class %d in test", c)
                    .isCloseTo((int) Math.round(sizes[c] * 0.15), org.assertj.core.data.Offset.offset(1));
        }
        assertThat(s.validation().length).isEqualTo((int) Math.round(149 * 0.15));
        assertThat(s.test().length).isEqualTo((int) Math.round(149 * 0.15));
    }

    @Test
    void theSplitIsAPartitionOfTheRows() {
        DataSplit s = split(imbalanced(), THREE, DataSpec.of("x.csv", "y"), 11);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
                Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 149).toArray());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        double[] y = imbalanced();
        DataSpec spec = DataSpec.of("x.csv", "y");
        DataSplit a = split(y, THREE, spec, 42);
        DataSplit b = split(y, THREE, spec, 42);
        DataSplit c = split(y, THREE, spec, 43);
        assertThat(b.train()).containsExactly(a.train());
        assertThat(b.validation()).containsExactly(a.validation());
        assertThat(b.test()).containsExactly(a.test());
        assertThat(c.validation()).isNotEqualTo(a.validation());
        assertThat(sorted(c.validation())).isNotEqualTo(sorted(a.validation()));
    }

    @Test
    void rowsAreNotLeftInFileOrder() {
        DataSplit s = split(imbalanced(), THREE, DataSpec.of("x.csv", "y"), 5);
        assertThat(s.train()).isNotEqualTo(sorted(s.train()));
    }

    @Test
    void aClassTooSmallForEverySplitIsKeptForTrainingAndSaid() {
        double[] y = IntStream.range(0, 41).mapToDouble(i -> i < 20 ? 0 : i < 40 ? 1 : 2).toArray();
        for (long seed = 0; seed < 20; seed++) {
            DataSplit s = split(y, THREE, DataSpec.of("x.csv", "y"), seed);
            assertThat(count(y, s.train(), 2)).isEqualTo(1);
            assertThat(s.notes()).anySatisfy(n -> assertThat(n)
                    .isEqualTo("classes missing from a split (every class is in training): 'c' (1 row, none in validation or test)"));
        }
    }

    @Test
    void stratificationNeverLeavesAClassOutOfTraining() {
        java.util.Random rng = new java.util.Random(0);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int classes = 2 + rng.nextInt(5);
            double[] y = IntStream.range(0, classes).flatMap(c -> IntStream.generate(() -> c).limit(1 + rng.nextInt(12)))
                    .mapToDouble(c -> c).toArray();
            double validation = 0.05 + 0.4 * rng.nextDouble();
            double test = (1 - validation) * 0.9 * rng.nextDouble();
            DataSpec spec = spec(1 - validation - test, validation, test, true);
            List<String> names = IntStream.range(0, classes).mapToObj(String::valueOf).toList();
            DataSplit s;
            try {
                s = split(y, names, spec, trial);
            } catch (dev.keel.diagnose.BadInputException tooFewRows) {
                assertThat(tooFewRows).hasMessageContaining("too few");
                continue;
            }
            for (int c = 0; c < classes; c++) {
                assertThat(count(y, s.train(), c)).as("trial %d class %d", trial, c).isPositive();
            }
            checked++;
        }
        // Refusing every draw as too few rows would pass the loop having checked nothing (298 of 300 are split).
        assertThat(checked).as("draws whose split was checked").isGreaterThan(250);
    }

    @Test
    void withoutStratificationRowsAreCutInTheSpecsShares() {
        double[] y = imbalanced();
        DataSplit s = split(y, THREE, spec(0.6, 0.2, 0.2, false), 9);
        assertThat(s.train()).hasSize(149 - 30 - 30);
        assertThat(s.validation()).hasSize(30);
        assertThat(s.notes().get(0)).isEqualTo("split: 89 training, 30 validation, 30 test rows, fixed by seed 9");
    }

    @Test
    void regressionIsSplitWithoutClasses() {
        double[] y = IntStream.range(0, 50).mapToDouble(i -> i * 0.5).toArray();
        DataSplit s = split(y, List.of(), DataSpec.of("x.csv", "y"), 1);
        assertThat(s.train().length + s.validation().length + s.test().length).isEqualTo(50);
        assertThat(s.validation()).hasSize(8);
        assertThat(s.notes().get(0)).doesNotContain("stratified");
    }

    @Test
    void aTestShareOfZeroLeavesTestEmpty() {
        DataSplit s = split(imbalanced(), THREE, spec(0.8, 0.2, 0, true), 1);
        assertThat(s.test()).isEmpty();
        assertThat(s.notes()).hasSize(1);
    }

    private static int[] sorted(int[] a) {
        return Arrays.stream(a).sorted().toArray();
    }
}
