package dev.keel.sweep.search;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which knobs decided a sweep's outcome, from its finished trials, by PED-ANOVA ({@link PedAnova}):
 *
 * <ul>
 *   <li><b>stability</b>: how differently each knob is spread among the stable trials than among all trials
 *       (failed ones count as not stable);</li>
 *   <li><b>metric</b>: how differently it is spread among the best {@link #TOP_SHARE} of the stable trials (at
 *       least {@link #MIN_TOP}) than among all stable trials with the metric: what separates the best runs from
 *       the other runs that trained.</li>
 * </ul>
 * Each column is a share: the knobs' divergences divided by their sum, so they add up to 1. A knob that exists only
 * for some values of another is judged on the trials where it existed.
 *
 * @param knobs    one row per varied knob, the one that decides stability most first
 * @param stable   stable trials it was computed from
 * @param trials   trials it was computed from
 * @param top      best trials the metric column compares
 */
public record WhatMattered(List<Knob> knobs, int stable, int trials, int top) {
    /** The best tenth of the stable trials is "the best" (Optuna's target_quantile). */
    static final double TOP_SHARE = 0.1;
    /** Fewer than this many best trials say nothing about a density. */
    static final int MIN_TOP = 2;
    /** Below this many trials (or stable trials, for the metric) a column is not computed. */
    static final int MIN_TRIALS = 6;

    /**
     * One knob's shares.
     *
     * @param stability its share in deciding stability, NaN when not computed (every trial had the same outcome,
     *                  or too few trials)
     * @param metric    its share in deciding the metric among stable trials, NaN when not computed
     */
    public record Knob(String name, double stability, double metric) {
    }

    public WhatMattered {
        knobs = List.copyOf(knobs);
    }

    /** From a space's varied knobs and its finished trials. */
    public static WhatMattered of(List<Parameter> varied, Metric metric, List<TrialRecord> trials) {
        List<Axis> axes = varied.stream().map(Axis::new).toList();
        List<Observation> all = Observation.of(axes, trials, metric);
        List<Observation> stable = all.stream().filter(Observation::stable).toList();
        List<Observation> withMetric = stable.stream().filter(o -> !Double.isNaN(o.metric()))
                .sorted(Observation.ranking(metric)).toList();
        int top = Math.max(MIN_TOP, (int) Math.ceil(TOP_SHARE * withMetric.size()));
        boolean stabilityVaries = !stable.isEmpty() && stable.size() < all.size() && all.size() >= MIN_TRIALS;
        boolean metricVaries = withMetric.size() >= MIN_TRIALS && top < withMetric.size();
        double[] s = new double[axes.size()];
        double[] m = new double[axes.size()];
        for (int d = 0; d < axes.size(); d++) {
            int choices = axes.get(d).choices();
            s[d] = stabilityVaries ? PedAnova.divergence(choices, on(d, stable), on(d, all)) : Double.NaN;
            m[d] = metricVaries ? PedAnova.divergence(choices, on(d, withMetric.subList(0, top)), on(d, withMetric))
                    : Double.NaN;
        }
        normalise(s);
        normalise(m);
        List<Knob> knobs = new ArrayList<>();
        for (int d = 0; d < axes.size(); d++) {
            knobs.add(new Knob(axes.get(d).knob(), s[d], m[d]));
        }
        knobs.sort(Comparator.comparingDouble((Knob k) -> Double.isNaN(k.stability()) ? 0 : -k.stability())
                .thenComparingDouble(k -> Double.isNaN(k.metric()) ? 0 : -k.metric()));
        return new WhatMattered(knobs, stable.size(), all.size(), metricVaries ? top : 0);
    }

    /**
     * From a sweep.json {@code space} map, as a report reads a finished sweep. Only the parameters and the metric
     * are read, so a CSV that has moved since does not matter.
     */
    public static WhatMattered of(Map<String, ?> resolvedSpace, List<TrialRecord> trials) {
        SweepSpace space = spaceOf(resolvedSpace);
        return of(space.varied(), space.metric(), trials);
    }

    /** The resolved space with its data source swapped for a built-in one, so that parsing never opens the CSV. */
    public static SweepSpace spaceOf(Map<String, ?> resolvedSpace) {
        Map<String, Object> copy = new LinkedHashMap<>(resolvedSpace);
        if (copy.get("data") instanceof Map<?, ?> data) {
            Map<Object, Object> d = new LinkedHashMap<>(data);
            d.put("source", "builtin:iris");
            copy.put("data", d);
        }
        try {
            return SweepSpace.fromResolvedMap(copy, "sweep.json");
        } catch (BadInputException e) {
            throw new IllegalArgumentException("unreadable space: " + e.getMessage(), e);
        }
    }

    /** Whether any column could be computed. */
    public boolean isEmpty() {
        return knobs.stream().allMatch(k -> Double.isNaN(k.stability()) && Double.isNaN(k.metric()));
    }

    private static List<Double> on(int d, List<Observation> observations) {
        List<Double> out = new ArrayList<>();
        for (Observation o : observations) {
            if (!Double.isNaN(o.x()[d])) {
                out.add(o.x()[d]);
            }
        }
        return out;
    }

    private static void normalise(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += Double.isNaN(x) ? 0 : x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = sum > 0 ? v[i] / sum : Double.NaN;
        }
    }
}
