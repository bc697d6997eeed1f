package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A CSV file, user's or shipped, through the whole pipeline: parse, type, target, split, impute, encode. */
final class CsvDataset {
    private CsvDataset() {
    }

    /**
     * @param origin        how errors name the data ({@code data file 'x.csv'}, {@code builtin:iris})
     * @param defaultTarget the target when {@code data.target} is absent, or null if it is required
     * @param image         the image layout if every column but the target is a pixel, else null
     */
    static PreparedData prepare(byte[] bytes, String origin, DataSpec spec, long seed, String defaultTarget,
                                ImageShape image) {
        CsvTable table = CsvParser.parse(bytes, origin);
        String targetName = spec.target() != null ? spec.target() : defaultTarget;
        if (targetName == null) {
            throw new BadInputException(origin + ": data.target is not set; expected the name of the column to"
                    + " predict, one of " + listed(table.header()));
        }
        int targetColumn = table.header().indexOf(targetName);
        if (targetColumn < 0) {
            throw new BadInputException(origin + " has no column " + Cells.quote(targetName) + " (data.target)"
                    + closeMatch(table.header(), targetName) + "; expected one of " + listed(table.header())
                    + singleColumnHint(table));
        }

        List<String> notes = new ArrayList<>();
        Map<Integer, ColumnKind> features = new LinkedHashMap<>();
        for (int c = 0; c < table.columns(); c++) {
            if (c == targetColumn) {
                continue;
            }
            ColumnKind kind = ColumnKind.of(table, c);
            if (kind == ColumnKind.EMPTY) {
                notes.add("column " + Cells.quote(table.header().get(c)) + " is empty on every row: dropped");
            } else {
                features.put(c, kind);
            }
        }
        TargetColumn target = TargetColumn.of(table, targetColumn, spec.task());
        notes.add(0, target.taskNote());
        String overflow = target.task() == Task.REGRESSION
                ? Cells.beyondFloat("target " + Cells.quote(targetName), target.values()) : null;
        if (overflow != null) {
            notes.add(1, overflow);
        }
        if (!target.droppedLines().isEmpty()) {
            notes.add(dropNote(target.droppedLines()));
        }

        DataSplit split = Splitter.split(target.values(), target.classNames(), spec, seed, origin);
        FeatureEncoder.Encoded encoded = FeatureEncoder.encode(table, features, target.keptRows(), split.train());
        if (encoded.names().isEmpty()) {
            throw new BadInputException(origin + ": no feature column has a value in the training split besides the"
                    + " target " + Cells.quote(targetName) + "; expected at least one column of inputs");
        }
        notes.addAll(encoded.notes());
        notes.addAll(split.notes());

        boolean pixels = image != null && targetName.equals(defaultTarget) && encoded.names().size() == image.size()
                && features.values().stream().allMatch(k -> k == ColumnKind.NUMERIC);
        return new PreparedData(
                spec.source(), target.task(), encoded.names(), target.classNames(), pixels ? image : null,
                rowsOf(encoded.rows(), target.values(), split.train()),
                rowsOf(encoded.rows(), target.values(), split.validation()),
                rowsOf(encoded.rows(), target.values(), split.test()),
                Fingerprint.of(bytes, targetName, spec, seed), notes);
    }

    static Table rowsOf(double[][] features, double[] targets, int[] rows) {
        double[][] f = new double[rows.length][];
        double[] t = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            f[i] = features[rows[i]];
            t[i] = targets[rows[i]];
        }
        return new Table(f, t);
    }

    private static String dropNote(List<Integer> lines) {
        String shown = lines.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
        return "dropped " + lines.size() + (lines.size() == 1 ? " row" : " rows") + " with no target value (line"
                + (lines.size() == 1 ? " " : "s ") + shown + (lines.size() > 10 ? ", ..." : "") + ")";
    }

    private static String listed(List<String> columns) {
        int max = 30;
        String shown = columns.stream().limit(max).map(Cells::quote).collect(Collectors.joining(", "));
        return columns.size() > max ? shown + ", ... (" + (columns.size() - max) + " more)" : shown;
    }

    private static String closeMatch(List<String> columns, String wanted) {
        return columns.stream().filter(c -> c.equalsIgnoreCase(wanted.strip())).findFirst()
                .map(c -> " (did you mean " + Cells.quote(c) + "? names are case-sensitive)").orElse("");
    }

    /** A file read as one column is usually separated by something other than commas. */
    private static String singleColumnHint(CsvTable table) {
        String only = table.header().get(0);
        boolean otherSeparator = table.columns() == 1 && (only.contains(";") || only.contains("\t"));
        return otherSeparator ? " (keel reads comma-separated files; this one seems to use "
                + (only.contains(";") ? "semicolons" : "tabs") + ")" : "";
    }
}
