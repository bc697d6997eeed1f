package dev.keel.sweep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the feature columns into numbers, learning everything it needs from the training rows only:
 * missing numbers become the training median, missing categories the training mode, and each
 * categorical column becomes one 0/1 column per category seen in training ({@code colour=red}), in
 * lexicographic order. A category that appears only in validation or test rows is encoded as all zeros,
 * as a model deployed on new data would see it. A column with no value in the training rows is dropped.
 */
final class FeatureEncoder {
    /** More categories than this in one column is usually an identifier or free text, not a feature. */
    static final int MANY_CATEGORIES = 50;

    private final List<String> names = new ArrayList<>();
    private final List<double[]> columns = new ArrayList<>();
    private final List<String> imputed = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int imputedCount;

    /** Features of every kept row, in kept-row order, and what was done to them. */
    record Encoded(List<String> names, double[][] rows, List<String> notes) {
    }

    /**
     * @param featureColumns column indices in the table, with their kinds (no EMPTY columns)
     * @param keptRows       table row of each kept row
     * @param train          kept-row indices of the training split
     */
    static Encoded encode(CsvTable table, Map<Integer, ColumnKind> featureColumns, int[] keptRows, int[] train) {
        FeatureEncoder encoder = new FeatureEncoder();
        for (Map.Entry<Integer, ColumnKind> column : featureColumns.entrySet()) {
            String[] cells = new String[keptRows.length];
            for (int i = 0; i < keptRows.length; i++) {
                cells[i] = table.rows().get(keptRows[i]).cell(column.getKey());
            }
            String name = table.header().get(column.getKey());
            if (column.getValue() == ColumnKind.NUMERIC) {
                encoder.numeric(name, cells, train);
            } else {
                encoder.categorical(name, cells, train);
            }
        }
        return encoder.result(keptRows.length);
    }

    private void numeric(String name, String[] cells, int[] train) {
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Cells.isMissing(cells[i]) ? Double.NaN : Cells.number(cells[i]);
        }
        double[] known = Arrays.stream(train).mapToDouble(i -> values[i]).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            notes.add("column " + Cells.quote(name) + " has no value in the training split: dropped");
            return;
        }
        int m = known.length / 2;
        double median = known.length % 2 == 1 ? known[m] : (known[m - 1] + known[m]) / 2;
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = median;
                filled++;
            }
        }
        if (filled > 0) {
            imputedCount += filled;
            imputed.add(name + " " + filled + " (median " + Cells.formatRounded(median) + ")");
        }
        String overflow = Cells.beyondFloat("column " + Cells.quote(name), values);
        if (overflow != null) {
            notes.add(overflow);
        }
        names.add(name);
        columns.add(values);
    }

    private void categorical(String name, String[] cells, int[] train) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (int i : train) {
            if (!Cells.isMissing(cells[i])) {
                counts.merge(cells[i], 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            notes.add("column " + Cells.quote(name) + " has no value in the training split: dropped");
            return;
        }
        String mode = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (mode == null || e.getValue() > counts.get(mode)) {
                mode = e.getKey();
            }
        }
        List<String> levels = new ArrayList<>(counts.keySet());
        Map<String, Integer> levelIndex = new HashMap<>();
        for (String level : levels) {
            levelIndex.put(level, levelIndex.size());
        }
        double[][] oneHot = new double[levels.size()][cells.length];
        int filled = 0;
        int unseen = 0;
        TreeSet<String> unseenValues = new TreeSet<>();
        for (int i = 0; i < cells.length; i++) {
            String value = cells[i];
            if (Cells.isMissing(value)) {
                value = mode;
                filled++;
            }
            int level = levelIndex.getOrDefault(value, -1);
            if (level >= 0) {
                oneHot[level][i] = 1;
            } else {
                unseen++;
                unseenValues.add(value);
            }
        }
        if (filled > 0) {
            imputedCount += filled;
            imputed.add(name + " " + filled + " (mode " + Cells.quote(mode) + ")");
        }
        List<String> encodedNames = levels.stream().map(level -> name + "=" + level).toList();
        notes.add("one-hot: " + Cells.quote(name) + " became " + levels.size() + " columns: "
                + abbreviate(encodedNames, 10));
        if (unseen > 0) {
            notes.add("column " + Cells.quote(name) + ": " + unseen + " validation/test values not seen in training ("
                    + abbreviate(unseenValues.stream().map(Cells::quote).toList(), 3) + ") are encoded as all zeros");
        }
        if (levels.size() > MANY_CATEGORIES) {
            notes.add("column " + Cells.quote(name) + " has " + levels.size()
                    + " categories; if it is an identifier or free text, remove it from the file");
        }
        names.addAll(encodedNames);
        columns.addAll(Arrays.asList(oneHot));
    }

    private static String abbreviate(List<String> items, int max) {
        String shown = String.join(", ", items.subList(0, Math.min(max, items.size())));
        return items.size() > max ? shown + ", ... (" + (items.size() - max) + " more)" : shown;
    }

    private Encoded result(int rows) {
        double[][] out = new double[rows][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            double[] column = columns.get(c);
            for (int r = 0; r < rows; r++) {
                out[r][c] = column[r];
            }
        }
        List<String> allNotes = new ArrayList<>();
        if (imputedCount > 0) {
            allNotes.add("imputed " + imputedCount + " missing feature values with the training split's median"
                    + " (numbers) or mode (categories): " + abbreviate(imputed, 10));
        }
        allNotes.addAll(notes);
        return new Encoded(names, out, allNotes);
    }
}
