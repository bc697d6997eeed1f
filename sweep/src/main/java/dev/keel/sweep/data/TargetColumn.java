package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The target column read and encoded: the task (given or inferred), class names in a stable order, one
 * value per kept row (a class index, or the number for regression). Rows without a target value are
 * dropped: imputing the very thing the model is scored on would invent labels.
 *
 * @param keptRows     indices into the table's rows that have a target
 * @param droppedLines file lines of the rows dropped for a missing target
 */
record TargetColumn(String name, Task task, List<String> classNames, double[] values, int[] keptRows,
                    List<Integer> droppedLines, String taskNote) {
    /** docs/DESIGN.md: an integer target with at most this many distinct values is classification. */
    static final int MAX_INFERRED_CLASSES = 20;

    static TargetColumn of(CsvTable table, int column, Task given) {
        String name = table.header().get(column);
        String where = table.origin() + ", target " + Cells.quote(name);
        ColumnKind kind = ColumnKind.of(table, column);
        if (kind == ColumnKind.EMPTY) {
            throw new BadInputException(where + ": every value is missing; expected a label or number on each row");
        }
        List<Integer> kept = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            CsvTable.Row row = table.rows().get(r);
            (Cells.isMissing(row.cell(column)) ? dropped : kept).add(r);
        }
        int[] keptRows = kept.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> droppedLines = dropped.stream().map(r -> table.rows().get(r).line()).toList();

        Task task;
        String note;
        if (given != null) {
            if (given == Task.REGRESSION && kind == ColumnKind.CATEGORICAL) {
                CsvTable.Row text = firstText(table, column);
                throw new BadInputException(where + " line " + text.line() + ": " + Cells.quote(text.cell(column))
                        + " is text, but data.task is regression; expected a number on every row");
            }
            task = given;
            note = "task: " + task.token() + ", as data.task says";
        } else if (kind == ColumnKind.CATEGORICAL) {
            task = Task.CLASSIFICATION;
            note = "task: classification, inferred because target " + Cells.quote(name)
                    + " holds text labels (data.task overrides)";
        } else {
            TreeSet<Double> distinct = new TreeSet<>();
            boolean whole = true;
            for (int r : keptRows) {
                double v = Cells.number(table.rows().get(r).cell(column));
                distinct.add(v);
                whole &= v == Math.rint(v);
            }
            if (whole && distinct.size() <= MAX_INFERRED_CLASSES) {
                task = Task.CLASSIFICATION;
                note = "task: classification, inferred because target " + Cells.quote(name) + " holds "
                        + distinct.size() + " distinct whole numbers (at most " + MAX_INFERRED_CLASSES
                        + "; data.task overrides)";
            } else {
                task = Task.REGRESSION;
                note = "task: regression, inferred because target " + Cells.quote(name) + " holds "
                        + distinct.size() + " distinct " + (whole ? "whole numbers, more than " + MAX_INFERRED_CLASSES
                        : "numbers, not all whole") + " (data.task overrides)";
            }
        }

        double[] values = new double[keptRows.length];
        List<String> classNames = List.of();
        if (task == Task.CLASSIFICATION) {
            List<String> labels = new ArrayList<>(keptRows.length);
            for (int r : keptRows) {
                labels.add(className(table.rows().get(r).cell(column), kind));
            }
            classNames = sortedClasses(labels, kind);
            if (classNames.size() < 2) {
                throw new BadInputException(where + ": every row has the same class " + Cells.quote(classNames.get(0))
                        + "; classification needs at least two classes");
            }
            Map<String, Integer> index = new HashMap<>();
            for (String c : classNames) {
                index.put(c, index.size());
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = index.get(labels.get(i));
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = Cells.number(table.rows().get(keptRows[i]).cell(column));
            }
        }
        return new TargetColumn(name, task, classNames, values, keptRows, droppedLines, note);
    }

    /** Numeric labels are named as numbers, so "1" and "1.0" are one class, "1". */
    private static String className(String cell, ColumnKind kind) {
        return kind == ColumnKind.NUMERIC ? Cells.format(Cells.number(cell)) : cell;
    }

    /** Numeric labels in numeric order (2 before 10), text labels in lexicographic order. */
    private static List<String> sortedClasses(List<String> labels, ColumnKind kind) {
        Comparator<String> order = kind == ColumnKind.NUMERIC
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        return labels.stream().distinct().sorted(order).toList();
    }

    private static CsvTable.Row firstText(CsvTable table, int column) {
        for (CsvTable.Row row : table.rows()) {
            String cell = row.cell(column);
            if (!Cells.isMissing(cell) && !Cells.isNumber(cell)) {
                return row;
            }
        }
        throw new IllegalStateException("no text cell in a categorical column");
    }
}
