package dev.keel.cli;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.recommend.InstabilityFacts;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;
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

    static void print(PrintWriter out, SweepSpace space, List<TrialRecord> trials) {
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
        for (TrialRecord t : stable.subList(0, Math.min(BEST, stable.size()))) {
            List<String> row = new ArrayList<>(List.of(t.id(), number(t.metric(metric.name()))));
            for (String knob : varied) {
                row.add(value(t.params().get(knob)));
            }
            rows.add(row.toArray(String[]::new));
        }
        printTable(out, rows);
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

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
