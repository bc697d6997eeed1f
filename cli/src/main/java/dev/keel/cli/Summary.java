package dev.keel.cli;

import dev.keel.diagnose.Numbers;
import dev.keel.diagnose.Verdict;
import dev.keel.sweep.recommend.InstabilityFacts;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table printed at the end of a sweep: verdict counts and the best stable trials. */
final class Summary {
    static final int BEST = 5;

    private Summary() {
    }

    /**
     * @param data the sweep's data summary (sweep.json), or null: an accuracy's step of one row is then not said
     */
    static void print(PrintWriter out, SweepSpace space, List<TrialRecord> trials, DataSummary data) {
        int failed = 0;
        int pruned = 0;
        Map<Verdict, Integer> counts = new java.util.EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (TrialRecord t : trials) {
            if (t.status() == TrialStatus.FAILED || t.verdict() == null) {
                failed++;
            } else {
                counts.merge(t.verdict(), 1, Integer::sum);
            }
            if (t.status() == TrialStatus.PRUNED) {
                pruned++;
            }
        }
        out.println("verdicts  " + counts.entrySet().stream()
                .map(e -> e.getKey().token() + " " + e.getValue()).collect(Collectors.joining("   "))
                + "   failed " + failed + (pruned > 0 ? "   (" + pruned + " pruned early)" : ""));
        InstabilityFacts.dataLikelyCause(trials).ifPresent(cause -> out.println("why every trial failed: " + cause));

        Metric metric = space.metric();
        List<TrialRecord> stable = new ArrayList<>(trials.stream()
                .filter(t -> t.verdict() == Verdict.STABLE && t.status() != TrialStatus.FAILED)
                .filter(t -> Double.isFinite(t.metric(metric.name())))
                .toList());
        stable.sort(Comparator.comparing(t -> t.metric(metric.name()), metric.goal().bestFirst()));
        if (stable.isEmpty()) {
            out.println("no stable trial with a finite " + metric.name() + "; see the report for why runs failed");
            return;
        }
        List<String> varied = space.varied().stream().map(Parameter::knob).toList();
        out.println("best stable trials by " + metric.name() + " (" + metric.goal().token() + "):");
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("trial", metric.name()));
        header.addAll(varied);
        rows.add(header.toArray(String[]::new));
        List<TrialRecord> best = stable.subList(0, Math.min(BEST, stable.size()));
        for (TrialRecord t : best) {
            List<String> row = new ArrayList<>(List.of(t.id(), number(t.metric(metric.name()))));
            for (String knob : varied) {
                row.add(value(t.params().get(knob)));
            }
            rows.add(row.toArray(String[]::new));
        }
        printTable(out, rows);
        int counted = data == null ? 0 : data.rowsCounted(metric.name());
        if (counted > 0 && best.size() > 1) {
            out.println(rowsLine(metric.name(), counted, best.get(0).metric(metric.name()),
                    best.get(best.size() - 1).metric(metric.name()), best.size(), space.repeats() > 1));
        }
    }

    /**
     * How far apart the best trials are in the rows an accuracy counts: on a validation split of a few hundred rows
     * the best trials are often one or two examples apart, which a different seed of the same settings moves
     * (docs/SEARCH.md measured ±8 of 270 on the quickstart), so the table's order among them is not a ranking.
     */
    static String rowsLine(String metric, int counted, double first, double last, int shown, boolean repeated) {
        long apart = Math.round(Math.abs(first - last) * counted);
        String split = metric.startsWith("test_") ? "test" : "validation";
        return String.format(Locale.ROOT, "  %s counts %d %s rows (%s a row): these %d are %s", metric, counted, split,
                Numbers.fourDigits(1.0 / counted), shown,
                apart == 0 ? "tied" : "within " + apart + (apart == 1 ? " row" : " rows") + " of each other")
                + (apart <= 2 && !repeated ? "; another seed can reorder them (repeats: N in the space runs each"
                + " setting N times)" : "");
    }

    static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The given knobs of a trial, compactly: {@code optimizer=sgd learning_rate=0.31}. */
    static String paramsLine(TrialRecord r, List<String> knobs) {
        return knobs.stream().map(k -> k + "=" + value(r.params().get(k))).collect(Collectors.joining(" "));
    }

    static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        return String.valueOf(v);
    }

    /** As the report writes it: the summary and the report show a metric alike. */
    static String number(double v) {
        return Numbers.fourDigits(v);
    }
}
