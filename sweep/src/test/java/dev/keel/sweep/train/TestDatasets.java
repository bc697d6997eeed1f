package dev.keel.sweep.train;

import dev.keel.sweep.data.ImageShape;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Table;
import dev.keel.sweep.data.Task;
import dev.keel.sweep.train.memory.NativeMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Test-only stand-in for the data loader: reads /work/shared/datasets/NAME.csv (or the directory in
 * {@code keel.datasets}), takes the named target and splits 70/15/15 after a seeded shuffle.
 */
public final class TestDatasets {
    private static final Path DIR = Path.of(System.getProperty("keel.datasets", "/work/shared/datasets"));

    static {
        // As the CLI does: keel's memory handling must be set up before anything starts ND4J.
        NativeMemory.install();
    }

    private TestDatasets() {
    }

    public static PreparedData breastCancer() {
        return load("breast_cancer", Task.CLASSIFICATION, null, Integer.MAX_VALUE);
    }

    public static PreparedData iris() {
        return load("iris", Task.CLASSIFICATION, null, Integer.MAX_VALUE);
    }

    public static PreparedData digits() {
        return load("digits", Task.CLASSIFICATION, new ImageShape(1, 8, 8), Integer.MAX_VALUE);
    }

    public static PreparedData digits(int rows) {
        return load("digits", Task.CLASSIFICATION, new ImageShape(1, 8, 8), rows);
    }

    public static PreparedData diabetes() {
        return load("diabetes", Task.REGRESSION, null, Integer.MAX_VALUE);
    }

    public static PreparedData load(String name, Task task, ImageShape image, int maxRows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DIR.resolve(name + ".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",");
        int target = header.length - 1;
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(","));
            }
        }
        List<String> classes = new ArrayList<>();
        if (task == Task.CLASSIFICATION) {
            TreeSet<String> labels = new TreeSet<>();
            rows.forEach(r -> labels.add(r[target]));
            classes.addAll(labels);
        }
        Collections2.shuffle(rows, new Random(7));
        if (rows.size() > maxRows) {
            rows = rows.subList(0, maxRows);
        }
        double[][] x = new double[rows.size()][target];
        double[] y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < target; c++) {
                x[r][c] = Double.parseDouble(rows.get(r)[c]);
            }
            String t = rows.get(r)[target];
            y[r] = task == Task.CLASSIFICATION ? classes.indexOf(t) : Double.parseDouble(t);
        }
        int nTrain = (int) Math.round(rows.size() * 0.7);
        int nVal = (int) Math.round(rows.size() * 0.15);
        Table train = slice(x, y, 0, nTrain);
        Table val = slice(x, y, nTrain, nTrain + nVal);
        Table test = slice(x, y, nTrain + nVal, rows.size());
        return new PreparedData("builtin:" + name, task, Arrays.asList(header).subList(0, target), classes, image,
                train, val, test, "test-" + name, List.of());
    }

    private static Table slice(double[][] x, double[] y, int from, int to) {
        return new Table(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to));
    }

    /** A seeded Fisher–Yates shuffle, written out so that the split never depends on the JDK's. */
    private static final class Collections2 {
        static <T> void shuffle(List<T> list, Random rng) {
            for (int i = list.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                T t = list.get(i);
                list.set(i, list.get(j));
                list.set(j, t);
            }
        }
    }
}
