package dev.keel.sweep.search;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A finished trial as the search models read it.
 *
 * @param id        the trial's id
 * @param x         its coordinate on each axis ({@link Axis#coordinate}); NaN where the knob did not exist
 * @param stable    whether it trained stably: verdict stable, not failed. Every other verdict, and a failure, is
 *                  a configuration to steer away from
 * @param completed whether it ran to its own end (not pruned, not failed)
 * @param metric    the space's metric, NaN when absent or not finite
 * @param epochs    epochs it ran
 */
public record Observation(String id, double[] x, boolean stable, boolean completed, double metric, int epochs) {

    /** The trials on the axes, ordered by id so that the order they finished in does not matter. */
    public static List<Observation> of(List<Axis> axes, List<TrialRecord> trials, Metric metric) {
        List<Observation> out = new ArrayList<>(trials.size());
        for (TrialRecord t : trials) {
            out.add(new Observation(t.id(), coordinates(axes, t.params()), isStable(t),
                    t.status() == TrialStatus.COMPLETED, t.metric(metric.name()), t.epochs()));
        }
        out.sort(Comparator.comparing(Observation::id));
        return out;
    }

    /** The coordinates of a configuration on the axes; NaN where a knob does not exist or is missing. */
    public static double[] coordinates(List<Axis> axes, java.util.Map<String, ?> params) {
        double[] x = new double[axes.size()];
        for (int d = 0; d < x.length; d++) {
            Axis a = axes.get(d);
            x[d] = params.containsKey(a.knob()) && a.activeFor(params) ? a.coordinate(params.get(a.knob()))
                    : Double.NaN;
        }
        return x;
    }

    public static boolean isStable(TrialRecord t) {
        return t.status() != TrialStatus.FAILED && t.verdict() == Verdict.STABLE;
    }

    /** Whether it holds a coordinate on every one of the given axes. */
    public boolean covers(int[] dims) {
        for (int d : dims) {
            if (Double.isNaN(x[d])) {
                return false;
            }
        }
        return true;
    }

    /** Its coordinates on the given axes. */
    public double[] project(int[] dims) {
        double[] p = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            p[i] = x[dims[i]];
        }
        return p;
    }

    /**
     * Best first: stable trials that completed, by the metric; then stable trials that were pruned (median or
     * hyperband), the longest-running first, each by the metric (Optuna ranks pruned trials by the step they
     * reached); then everything else, which is never among the good.
     */
    public static Comparator<Observation> ranking(Metric metric) {
        Comparator<Observation> byMetric = Comparator.comparingDouble(Observation::metric);
        if (metric.goal() == Metric.Goal.MAXIMIZE) {
            byMetric = byMetric.reversed();
        }
        return Comparator.comparingInt(Observation::tier).thenComparingInt(o -> o.tier() == 1 ? -o.epochs() : 0)
                .thenComparing(byMetric).thenComparing(Observation::id);
    }

    /** Whether the ranking may count it among the good: stable, with a finite metric. */
    public boolean rankable() {
        return tier() < 2;
    }

    private int tier() {
        if (!stable || Double.isNaN(metric)) {
            return 2;
        }
        return completed ? 0 : 1;
    }
}
