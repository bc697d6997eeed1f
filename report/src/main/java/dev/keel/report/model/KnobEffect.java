package dev.keel.report.model;

import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one knob did: for each of its values (or ranges), the share of each outcome and the best metric
 * among the stable trials.
 *
 * @param knob        the knob
 * @param rows        one per value or range, in axis order; values no trial used are left out
 * @param association how strongly the knob alone decides the outcome (see {@link Association})
 * @param headline    the most telling row in a few words, e.g. {@code sigmoid: 60% vanishing}; empty if none
 */
public record KnobEffect(Knob knob, List<Row> rows, double association, String headline) {

    /** Numeric knobs with many values are cut into this many ranges. */
    static final int RANGES = 5;
    /** A failure share this high in one value is the headline (below it, the most stable value is). */
    static final double HEADLINE_FAILURE_SHARE = 0.5;

    public KnobEffect {
        rows = List.copyOf(rows);
    }

    /**
     * @param value      the value or range as printed
     * @param counts     trials per outcome, in {@link Outcome} order
     * @param bestMetric the best objective among this value's stable trials, NaN if none
     * @param bestTrial  the trial that reached it, or {@code null}
     */
    public record Row(String value, List<Integer> counts, double bestMetric, String bestTrial) {
        public Row {
            counts = List.copyOf(counts);
        }

        public int trials() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }

        public int count(Outcome o) {
            return counts.get(o.ordinal());
        }

        public double share(Outcome o) {
            int n = trials();
            return n == 0 ? 0 : (double) count(o) / n;
        }
    }

    /** One effect per varied knob, the knobs that decide the outcome most first. */
    public static List<KnobEffect> of(SweepResults sweep) {
        List<KnobEffect> effects = new ArrayList<>();
        for (Knob k : sweep.varied()) {
            effects.add(of(sweep, k));
        }
        effects.sort(Comparator.comparingDouble(KnobEffect::association).reversed());
        return effects;
    }

    static KnobEffect of(SweepResults sweep, Knob knob) {
        Bins bins = Bins.of(knob, StabilityMaps.values(sweep, knob), RANGES);
        int[][] counts = new int[bins.size()][Outcome.values().length];
        double[] best = new double[bins.size()];
        String[] bestTrial = new String[bins.size()];
        java.util.Arrays.fill(best, Double.NaN);
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        Metric objective = sweep.objective();
        for (TrialRecord t : sweep.trials()) {
            if (!t.params().containsKey(knob.name())) {
                continue;
            }
            int b = bins.index(t.params().get(knob.name()));
            if (b < 0) {
                continue;
            }
            Outcome o = Outcome.of(t);
            counts[b][o.ordinal()]++;
            outcomes.add(o);
            groups.add(b);
            double m = t.metric(objective.name());
            if (o == Outcome.STABLE && objective.better(m, best[b])) {
                best[b] = m;
                bestTrial[b] = t.id();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < bins.size(); b++) {
            List<Integer> c = new ArrayList<>();
            for (int n : counts[b]) {
                c.add(n);
            }
            Row row = new Row(bins.labels().get(b), c, best[b], bestTrial[b]);
            if (row.trials() > 0) {
                rows.add(row);
            }
        }
        return new KnobEffect(knob, rows, Association.score(outcomes, groups), headline(rows));
    }

    private static String headline(List<Row> rows) {
        if (rows.size() < 2) {
            return "";
        }
        Row worst = null;
        Outcome worstOutcome = null;
        Row steadiest = null;
        for (Row r : rows) {
            if (r.trials() < 2) {
                continue;
            }
            for (Outcome o : Outcome.values()) {
                if (o != Outcome.STABLE && (worst == null || r.share(o) > worst.share(worstOutcome))) {
                    worst = r;
                    worstOutcome = o;
                }
            }
            if (steadiest == null || r.share(Outcome.STABLE) > steadiest.share(Outcome.STABLE)) {
                steadiest = r;
            }
        }
        if (worst != null && worst.share(worstOutcome) >= HEADLINE_FAILURE_SHARE) {
            return worst.value() + ": " + Format.percent(worst.share(worstOutcome)) + " " + worstOutcome.token();
        }
        if (steadiest != null && steadiest.share(Outcome.STABLE) > 0) {
            return steadiest.value() + ": " + Format.percent(steadiest.share(Outcome.STABLE)) + " stable";
        }
        return "";
    }
}
