package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV in long form, one metric value a row: MLflow's metric history ({@code key,value,step,timestamp}), a
 * TensorBoard scalars frame ({@code run,tag,step,value}, as {@code tbparse} and TensorBoard's own data API write
 * it). Pivoted to one column a metric and one row a step, then read as any CSV. A file holding several runs keeps
 * the first, with a note.
 */
final class LongFormat {
    private static final Set<String> NAME = Set.of("key", "tag", "metric", "metric_name", "name");
    private static final Set<String> VALUE = Set.of("value", "metric_value", "simple_value");
    private static final Set<String> STEP = Set.of("step", "epoch", "global_step", "iteration");
    private static final Set<String> RUN = Set.of("run", "run_id", "run_name", "dir_name");

    private LongFormat() {
    }

    /** The rows pivoted to a CSV of one column a metric, with notes on how; null when the header is not long form. */
    static Pivot pivot(List<String> header, List<String> lines) {
        int name = index(header, NAME);
        int value = index(header, VALUE);
        int step = index(header, STEP);
        if (name < 0 || value < 0 || step < 0) {
            return null;
        }
        int run = index(header, RUN);
        String firstRun = null;
        Set<String> otherRuns = new java.util.HashSet<>();
        List<String> metrics = new ArrayList<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines) {
            List<String> cells = CsvLine.split(line);
            if (cells == null || cells.size() != header.size()) {
                return null;
            }
            if (run >= 0) {
                String r = cells.get(run).trim();
                if (firstRun == null) {
                    firstRun = r;
                }
                if (!r.equals(firstRun)) {
                    otherRuns.add(r);
                    continue;
                }
            }
            String metric = cells.get(name).trim();
            if (metric.isEmpty() || metric.contains(",") || metric.contains("\"")) {
                continue;
            }
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
            rows.computeIfAbsent(cells.get(step).trim(), s -> new LinkedHashMap<>())
                    .put(metric, cells.get(value).trim());
        }
        if (metrics.isEmpty()) {
            return null;
        }
        StringBuilder csv = new StringBuilder(header.get(step).trim().toLowerCase(Locale.ROOT));
        metrics.forEach(m -> csv.append(',').append(m));
        csv.append('\n');
        rows.forEach((s, values) -> {
            csv.append(s);
            metrics.forEach(m -> csv.append(',').append(values.getOrDefault(m, "")));
            csv.append('\n');
        });
        List<String> notes = new ArrayList<>();
        notes.add("one metric a row (" + header.get(name).trim() + "," + header.get(value).trim() + ","
                + header.get(step).trim() + "): read as one column a metric (" + String.join(", ", metrics) + ")");
        if (!otherRuns.isEmpty()) {
            notes.add(otherRuns.size() + " other run" + (otherRuns.size() == 1 ? "" : "s")
                    + " in the file left out (run " + firstRun + " read)");
        }
        return new Pivot(csv.toString(), notes);
    }

    private static int index(List<String> header, Set<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    record Pivot(String csv, List<String> notes) {
    }
}
