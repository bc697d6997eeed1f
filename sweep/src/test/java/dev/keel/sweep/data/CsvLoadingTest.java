package dev.keel.sweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.keel.sweep.data.CsvFixtures.column;
import static dev.keel.sweep.data.CsvFixtures.spec;
import static dev.keel.sweep.data.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class CsvLoadingTest {
    @TempDir
    Path dir;

    /** 60 rows: id, a skewed numeric x with gaps in several spellings, a categorical colour with gaps. */
    private Path mixedFile(Map<Integer, Double> xById, Map<Integer, String> colourById) {
        String[] missing = {"", "NA", "?", "nan", "NaN", "N/A"};
        StringBuilder csv = new StringBuilder("id,x,colour,label\r\n");
        for (int i = 0; i < 60; i++) {
            String x;
            if (i % 5 == 0) {
                x = missing[(i / 5) % missing.length];
            } else {
                xById.put(i, (double) i * i);
                x = String.valueOf(i * i);
            }
            String colour;
            if (i % 7 == 3) {
                colour = "NA";
            } else {
                colour = i % 4 == 0 ? "blue" : i % 4 == 3 ? "dark, red" : "green";
                colourById.put(i, colour);
            }
            String quoted = colour.contains(",") ? "\"" + colour + "\"" : colour;
            csv.append(i).append(',').append(x).append(',').append(quoted).append(',')
                    .append(i % 3 == 0 ? "yes" : "no").append("\r\n");
        }
        return write(dir, "mixed.csv", csv.toString());
    }

    @Test
    void missingNumbersTakeTheTrainingSplitsMedianNotTheWholeFilesMedian() {
        Map<Integer, Double> x = new HashMap<>();
        PreparedData data = DataLoader.load(spec(mixedFile(x, new HashMap<>()), "label"), 7);
        int id = column(data, "id");
        int xc = column(data, "x");
        double[] trainX = Arrays.stream(data.train().features()).mapToInt(r -> (int) r[id]).filter(x::containsKey)
                .mapToDouble(x::get).sorted().toArray();
        double trainMedian = median(trainX);
        double wholeMedian = median(x.values().stream().mapToDouble(Double::doubleValue).sorted().toArray());
        assertThat(trainMedian).as("the fixture must tell the two medians apart").isNotEqualTo(wholeMedian);

        List<double[]> all = allRows(data);
        int imputed = 0;
        for (double[] row : all) {
            int rowId = (int) row[id];
            if (x.containsKey(rowId)) {
                assertThat(row[xc]).isEqualTo(x.get(rowId));
            } else {
                assertThat(row[xc]).as("row %d", rowId).isEqualTo(trainMedian);
                imputed++;
            }
        }
        assertThat(imputed).isEqualTo(12);
    }

    @Test
    void categoricalsAreOneHotEncodedInLexicographicOrderAndGapsTakeTheTrainingMode() {
        Map<Integer, String> colours = new HashMap<>();
        PreparedData data = DataLoader.load(spec(mixedFile(new HashMap<>(), colours), "label"), 7);
        assertThat(data.featureNames()).containsExactly("id", "x", "colour=blue", "colour=dark, red", "colour=green");
        int id = column(data, "id");
        List<String> levels = List.of("blue", "dark, red", "green");

        TreeMap<String, Integer> trainCounts = new TreeMap<>();
        for (double[] row : data.train().features()) {
            String c = colours.get((int) row[id]);
            if (c != null) {
                trainCounts.merge(c, 1, Integer::sum);
            }
        }
        String trainMode = trainCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();

        for (double[] row : allRows(data)) {
            String expected = colours.getOrDefault((int) row[id], trainMode);
            double[] oneHot = Arrays.copyOfRange(row, 2, 5);
            double[] want = new double[3];
            want[levels.indexOf(expected)] = 1;
            assertThat(oneHot).as("row %d", (int) row[id]).containsExactly(want);
        }
        assertThat(data.notes()).anySatisfy(n -> assertThat(n)
                .contains("one-hot: 'colour' became 3 columns: colour=blue, colour=dark, red, colour=green"));
    }

    @Test
    void theImputedCountIsReportedPerColumn() {
        PreparedData data = DataLoader.load(spec(mixedFile(new HashMap<>(), new HashMap<>()), "label"), 7);
        assertThat(data.notes()).anySatisfy(n -> assertThat(n)
                .startsWith("imputed 21 missing feature values")
                .contains("x 12 (median ")
                .contains("colour 9 (mode '"));
    }

    @Test
    void aMostlyTextColumnWithSomeNumbersIsCategorical() {
        StringBuilder csv = new StringBuilder("size,y\n");
        String[] sizes = {"S", "M", "L", "10"};
        for (int i = 0; i < 40; i++) {
            csv.append(sizes[i % 4]).append(',').append(i % 2).append('\n');
        }
        PreparedData data = DataLoader.load(spec(write(dir, "sizes.csv", csv.toString()), "y"), 1);
        assertThat(data.featureNames()).containsExactly("size=10", "size=L", "size=M", "size=S");
    }

    @Test
    void aColumnWithNoValueAtAllIsDroppedAndSaid() {
        PreparedData data = DataLoader.load(spec(write(dir, "e.csv",
                "a,empty,y\n1,,0\n2,NA,1\n3,,0\n4,?,1\n5,,0\n6,,1\n7,,0\n8,,1\n"), "y"), 1);
        assertThat(data.featureNames()).containsExactly("a");
        assertThat(data.notes()).contains("column 'empty' is empty on every row: dropped");
    }

    @Test
    void valuesBeyondWhatTrainingFloatsHoldAreSaidBeforeAnyTrialRuns() {
        StringBuilder csv = new StringBuilder("a,huge,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "1e308" : "-1e308").append(',').append(0.5 * i).append('\n');
        }
        PreparedData data = DataLoader.load(spec(write(dir, "h.csv", csv.toString()), "y"), 1);
        assertThat(data.notes()).contains("column 'huge' holds values as large as 1.00e+308, beyond what training's"
                + " 32-bit floats hold (3.4e38): they overflow and every trial fails at its first step; rescale it"
                + " (other units, or its logarithm)");

        StringBuilder regression = new StringBuilder("x,far\n");
        for (int i = 0; i < 40; i++) {
            regression.append(i).append(',').append(i).append("e300").append('\n');
        }
        PreparedData target = DataLoader.load(spec(write(dir, "t.csv", regression.toString()), "far"), 1);
        assertThat(target.task()).isEqualTo(Task.REGRESSION);
        assertThat(target.notes()).anyMatch(n -> n.startsWith("target 'far' holds values as large as 3.90e+301"));
    }

    @Test
    void textLabelsAreClassificationInLexicographicOrder() {
        PreparedData data = DataLoader.load(spec(write(dir, "t.csv", labelled("cat", "ant", "bee")), "y"), 1);
        assertThat(data.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(data.classNames()).containsExactly("ant", "bee", "cat");
        assertThat(data.notes().get(0)).isEqualTo(
                "task: classification, inferred because target 'y' holds text labels (data.task overrides)");
    }

    @Test
    void numericLabelsAreOrderedAsNumbersAndOneAndOnePointZeroAreOneClass() {
        PreparedData data = DataLoader.load(spec(write(dir, "n.csv", labelled("10", "2", "1", "1.0")), "y"), 1);
        assertThat(data.classNames()).containsExactly("1", "2", "10");
        assertThat(data.notes().get(0)).contains("holds 3 distinct whole numbers (at most 20");
    }

    @Test
    void classIndicesFollowTheClassNames() {
        PreparedData data = DataLoader.load(spec(write(dir, "n.csv", "x,y\n1,b\n2,a\n3,b\n4,a\n5,b\n6,a\n7,b\n8,a\n"
                + "9,b\n10,a\n11,b\n12,a\n"), "y"), 1);
        for (Table t : List.of(data.train(), data.validation(), data.test())) {
            for (int r = 0; r < t.rows(); r++) {
                String label = ((int) t.features()[r][0]) % 2 == 1 ? "b" : "a";
                assertThat(data.classNames().get((int) t.targets()[r])).isEqualTo(label);
            }
        }
    }

    @Test
    void manyDistinctWholeNumbersOrFractionsAreRegression() {
        String[] many = new String[25];
        for (int i = 0; i < many.length; i++) {
            many[i] = String.valueOf(i * 3);
        }
        PreparedData ints = DataLoader.load(spec(write(dir, "i.csv", labelled(many)), "y"), 1);
        assertThat(ints.task()).isEqualTo(Task.REGRESSION);
        assertThat(ints.notes().get(0)).contains("regression, inferred", "25 distinct whole numbers, more than 20");

        PreparedData fractions = DataLoader.load(spec(write(dir, "f.csv", labelled("0.5", "1.5", "2")), "y"), 1);
        assertThat(fractions.task()).isEqualTo(Task.REGRESSION);
        assertThat(fractions.notes().get(0)).contains("not all whole");
    }

    @Test
    void dataTaskOverridesTheInference() {
        Path file = write(dir, "o.csv", labelled("0", "1", "2"));
        PreparedData regression = DataLoader.load(
                new DataSpec(file.toString(), "y", Task.REGRESSION, 0.7, 0.15, 0.15, true), 1);
        assertThat(regression.task()).isEqualTo(Task.REGRESSION);
        assertThat(regression.notes().get(0)).isEqualTo("task: regression, as data.task says");
        double[] values = regression.train().targets();
        assertThat(Arrays.stream(values).distinct().sorted().toArray()).containsExactly(0, 1, 2);

        Path fractions = write(dir, "f.csv", labelled("0.5", "1.5"));
        PreparedData classes = DataLoader.load(
                new DataSpec(fractions.toString(), "y", Task.CLASSIFICATION, 0.7, 0.15, 0.15, true), 1);
        assertThat(classes.classNames()).containsExactly("0.5", "1.5");
    }

    @Test
    void rowsWithoutATargetAreDroppedAndTheirLinesReported() {
        PreparedData data = DataLoader.load(spec(write(dir, "m.csv",
                "x,y\n1,a\n2,NA\n3,b\n4,a\n5,\n6,b\n7,a\n8,b\n9,a\n10,b\n11,a\n12,b\n"), "y"), 1);
        assertThat(data.rows()).isEqualTo(10);
        assertThat(data.notes()).contains("dropped 2 rows with no target value (lines 3, 6)");
        assertThat(allRows(data)).noneMatch(r -> r[0] == 2 || r[0] == 5);
    }

    @Test
    void aCleanFileSaysNothingAboutImputation() {
        PreparedData data = DataLoader.load(spec(write(dir, "c.csv", labelled("a", "b")), "y"), 1);
        assertThat(data.notes()).noneMatch(n -> n.contains("imputed") || n.contains("dropped"));
    }

    /** 20 rows with x = 0..19 and labels cycling through {@code labels}. */
    private static String labelled(String... labels) {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < Math.max(20, labels.length * 4); i++) {
            csv.append(i).append(',').append(labels[i % labels.length]).append('\n');
        }
        return csv.toString();
    }

    private static List<double[]> allRows(PreparedData data) {
        List<double[]> all = new ArrayList<>();
        all.addAll(Arrays.asList(data.train().features()));
        all.addAll(Arrays.asList(data.validation().features()));
        all.addAll(Arrays.asList(data.test().features()));
        return all;
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
