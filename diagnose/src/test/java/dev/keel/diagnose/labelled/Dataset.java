package dev.keel.diagnose.labelled;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small real dataset from shared/datasets: features as read (or standardised) and a target. */
record Dataset(String name, double[][] x, double[] y, int classes) {

    /** Reads a CSV with a header; the last column is the target (classes are numbered by first appearance). */
    static Dataset load(Path dir, String file, boolean classification) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        int cols = lines.get(0).split(",").length;
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] row = new double[cols - 1];
            for (int i = 0; i < cols - 1; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            xs.add(row);
            String target = cells[cols - 1].trim();
            if (classification) {
                ys.add((double) labels.computeIfAbsent(target, k -> labels.size()));
            } else {
                ys.add(Double.parseDouble(target));
            }
        }
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
        }
        return new Dataset(file.replace(".csv", ""), xs.toArray(new double[0][]), y,
                classification ? labels.size() : 0);
    }

    int features() {
        return x[0].length;
    }

    /** Every feature rescaled to mean 0 and variance 1. */
    Dataset standardized() {
        int d = features();
        double[][] z = new double[x.length][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] r : x) {
                var += (r[j] - mean) * (r[j] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (int i = 0; i < x.length; i++) {
                z[i][j] = sd > 0 ? (x[i][j] - mean) / sd : 0;
            }
        }
        return new Dataset(name, z, y, classes);
    }
}
