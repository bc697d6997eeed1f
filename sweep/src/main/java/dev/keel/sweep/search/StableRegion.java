package dev.keel.sweep.search;

import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the model of P(stable | configuration) ({@link StabilityForest}, the one {@code method: bayes} steers by)
 * thinks training stays stable along a numeric knob: for each value of a list knob (the optimiser when it varies),
 * the probability along the knob's range, averaged over the other knobs as the trials set them (a partial
 * dependence), and the range where it is at least one half.
 *
 * @param knob   the numeric knob read along, e.g. {@code learning_rate}
 * @param byKnob the list knob it is split by, or {@code null}
 * @param bands  one per value of {@code byKnob} (one in all when not split)
 */
public record StableRegion(String knob, String byKnob, List<Band> bands) {
    /** Points the range is read at. */
    static final int STEPS = 60;
    /** At least this probability counts as inside the stable region. */
    public static final double INSIDE = 0.5;
    /** Numeric knobs read, the learning rate first: past a few, a reader stops comparing. */
    static final int MAX_KNOBS = 3;
    /** The average over the other knobs takes at most this many trials' settings (evenly spaced by id). */
    static final int MAX_AVERAGED = 200;

    public StableRegion {
        bands = List.copyOf(bands);
    }

    /**
     * One value of the split knob.
     *
     * @param category    its value, or {@code all trials}
     * @param values      the knob's values read at, ascending
     * @param probability P(stable) at each
     * @param from        the smallest value with P(stable) ≥ {@link #INSIDE}, or null if none
     * @param to          the largest such value, or null
     */
    public record Band(String category, double[] values, double[] probability, Double from, Double to) {
    }

    /**
     * The regions of a sweep's numeric knobs (learning rate first, then in space order, at most
     * {@link #MAX_KNOBS}); empty when every trial had the same outcome or no number varied.
     */
    public static List<StableRegion> of(List<Parameter> varied, Metric metric, List<TrialRecord> trials, long seed) {
        List<Parameter> modelled = varied.stream().filter(p -> !(p instanceof Conditional)).toList();
        List<Axis> axes = modelled.stream().map(Axis::new).toList();
        List<Observation> observations = Observation.of(axes, trials, metric);
        int[] choices = axes.stream().mapToInt(Axis::choices).toArray();
        List<double[]> x = observations.stream().map(Observation::x).toList();
        List<Boolean> y = observations.stream().map(Observation::stable).toList();
        StabilityForest forest = x.isEmpty() ? null : StabilityForest.fit(choices, x, y, seed);
        if (forest == null) {
            return List.of();
        }
        int split = -1;
        for (int d = 0; d < axes.size(); d++) {
            if (axes.get(d).categorical() && (split < 0 || axes.get(d).knob().equals("optimizer"))) {
                split = d;
            }
        }
        List<Integer> numeric = new ArrayList<>();
        for (int d = 0; d < axes.size(); d++) {
            if (!axes.get(d).categorical()) {
                numeric.add(axes.get(d).knob().equals("learning_rate") ? 0 : numeric.size(), d);
            }
        }
        List<double[]> settings = x;
        if (x.size() > MAX_AVERAGED) {
            settings = new ArrayList<>();
            for (int i = 0; i < MAX_AVERAGED; i++) {
                settings.add(x.get((int) ((long) i * x.size() / MAX_AVERAGED)));
            }
        }
        List<StableRegion> regions = new ArrayList<>();
        for (int d : numeric.subList(0, Math.min(MAX_KNOBS, numeric.size()))) {
            List<Band> bands = new ArrayList<>();
            int categories = split < 0 ? 1 : axes.get(split).choices();
            for (int c = 0; c < categories; c++) {
                String label = split < 0 ? "all trials" : axes.get(split).label(c);
                bands.add(band(forest, settings, axes.get(d), d, split, c, label));
            }
            regions.add(new StableRegion(axes.get(d).knob(), split < 0 ? null : axes.get(split).knob(), bands));
        }
        return regions;
    }

    private static Band band(StabilityForest forest, List<double[]> x, Axis axis, int d, int split, int category,
                             String label) {
        double[] values = new double[STEPS];
        double[] probability = new double[STEPS];
        Double from = null;
        Double to = null;
        for (int i = 0; i < STEPS; i++) {
            double u = (i + 0.5) / STEPS;
            double sum = 0;
            for (double[] trial : x) {
                double[] at = trial.clone();
                at[d] = u;
                if (split >= 0) {
                    at[split] = category;
                }
                sum += forest.probability(at);
            }
            values[i] = ((Number) axis.value(u)).doubleValue();
            probability[i] = sum / x.size();
            if (probability[i] >= INSIDE) {
                from = from == null ? values[i] : from;
                to = values[i];
            }
        }
        return new Band(label, values, probability, from, to);
    }

    /**
     * The stable range in words: {@code stable up to 0.00042}, {@code stable from 0.001 to 0.3},
     * {@code stable from 0.01 up}, {@code stable across the range} or {@code stable nowhere}. The ends of the range
     * read are the knob's bounds, so a region that reaches one did not end inside the range tried.
     */
    public static String describe(Band b, java.util.function.DoubleFunction<String> number) {
        if (b.from() == null) {
            return "stable nowhere";
        }
        boolean fromStart = b.from() == b.values()[0];
        boolean toEnd = b.to() == b.values()[b.values().length - 1];
        if (fromStart && toEnd) {
            return "stable across the range";
        }
        if (fromStart) {
            return "stable up to " + number.apply(b.to());
        }
        if (toEnd) {
            return "stable from " + number.apply(b.from()) + " up";
        }
        return "stable from " + number.apply(b.from()) + " to " + number.apply(b.to());
    }

    /** The region of one knob, e.g. for a sentence. */
    public static StableRegion find(List<StableRegion> regions, String knob) {
        return regions.stream().filter(r -> r.knob().equals(knob)).findFirst().orElse(null);
    }

    /** The bands by category label. */
    public Map<String, Band> byCategory() {
        Map<String, Band> m = new java.util.LinkedHashMap<>();
        bands.forEach(b -> m.put(b.category(), b));
        return m;
    }
}
