package dev.keel.report.model;

import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The stability maps of a sweep: one per pair of varied knobs, learning rate × optimiser first when both
 * varied, then the pairs that decide the outcome most; at most {@link #MAX_MAPS}, the rest named.
 *
 * @param maps    the maps to draw, most telling first
 * @param omitted the pairs not drawn, as {@code a × b}, most telling first
 * @param limits  the largest stable learning rate per category (empty when the learning rate did not vary)
 */
public record StabilityMaps(List<StabilityMap> maps, List<String> omitted, StableLimits limits) {

    /** Beyond eight charts a reader stops comparing; the omitted pairs are still listed by name. */
    static final int MAX_MAPS = 8;
    /** Numeric knobs are cut into this many ranges when scoring how much a pair decides the outcome. */
    static final int SCORE_RANGES = 4;
    /** Half the width of a category's band that its points are spread over (1 = the gap to the next). */
    static final double CATEGORY_JITTER = 0.28;
    /** Points sharing a number are spread over this share of the gap to the neighbouring value. */
    static final double NUMBER_JITTER = 0.18;

    public StabilityMaps {
        maps = List.copyOf(maps);
        omitted = List.copyOf(omitted);
    }

    public static StabilityMaps of(SweepResults sweep) {
        List<Knob> varied = sweep.varied();
        Knob lr = sweep.knob(Knob.LEARNING_RATE);
        Knob limitKnob = limitKnob(varied);
        StableLimits limits = StableLimits.of(sweep, limitKnob);

        record Candidate(Knob x, Knob y, double score, boolean pinned) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < varied.size(); i++) {
            for (int j = i + 1; j < varied.size(); j++) {
                Knob[] xy = orient(varied.get(i), varied.get(j));
                boolean pinned = lr != null && xy[0] == lr && limitKnob != null && xy[1] == limitKnob;
                candidates.add(new Candidate(xy[0], xy[1], pairScore(sweep, xy[0], xy[1]), pinned));
            }
        }
        candidates.sort(Comparator.comparing((Candidate c) -> !c.pinned())
                .thenComparing(Comparator.comparingDouble(Candidate::score).reversed()));
        List<StabilityMap> maps = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (Candidate c : candidates) {
            if (maps.size() < MAX_MAPS) {
                maps.add(map(sweep, c.x(), c.y(), c.score(), c.pinned() ? limits : null));
            } else {
                omitted.add(c.x().name() + " × " + c.y().name());
            }
        }
        return new StabilityMaps(maps, omitted, limits);
    }

    /** The optimiser when it varied, else the first other categorical knob that varied, else none. */
    static Knob limitKnob(List<Knob> varied) {
        for (Knob k : varied) {
            if (k.name().equals(Knob.OPTIMIZER) && !k.numeric()) {
                return k;
            }
        }
        return varied.stream().filter(k -> !k.numeric()).findFirst().orElse(null);
    }

    /** Learning rate on x; else a number line on x; else the knob with more categories on x. */
    private static Knob[] orient(Knob a, Knob b) {
        if (b.name().equals(Knob.LEARNING_RATE) || (b.numeric() && !a.numeric())
                || (!a.numeric() && !b.numeric() && b.categories().size() > a.categories().size())) {
            return new Knob[] {b, a};
        }
        return new Knob[] {a, b};
    }

    private static double pairScore(SweepResults sweep, Knob x, Knob y) {
        List<Object> xs = values(sweep, x);
        List<Object> ys = values(sweep, y);
        Bins bx = Bins.of(x, xs, SCORE_RANGES);
        Bins by = Bins.of(y, ys, SCORE_RANGES);
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> cells = new ArrayList<>();
        for (TrialRecord t : sweep.trials()) {
            int i = bx.index(t.params().get(x.name()));
            int j = by.index(t.params().get(y.name()));
            if (i >= 0 && j >= 0) {
                outcomes.add(Outcome.of(t));
                cells.add(i * by.size() + j);
            }
        }
        return Association.score(outcomes, cells);
    }

    static List<Object> values(SweepResults sweep, Knob k) {
        List<Object> vs = new ArrayList<>();
        for (TrialRecord t : sweep.trials()) {
            if (t.params().containsKey(k.name())) {
                vs.add(t.params().get(k.name()));
            }
        }
        return vs;
    }

    static StabilityMap map(SweepResults sweep, Knob x, Knob y, double score, StableLimits limits) {
        Spread sx = Spread.of(x, values(sweep, x), sweep.trials().size());
        Spread sy = Spread.of(y, values(sweep, y), sweep.trials().size());
        List<StabilityMap.Point> points = new ArrayList<>();
        for (TrialRecord t : sweep.trials()) {
            if (!t.params().containsKey(x.name()) || !t.params().containsKey(y.name())) {
                continue;
            }
            Object vx = t.params().get(x.name());
            Object vy = t.params().get(y.name());
            double px = sx.position(x.position(vx), t.id() + "/x");
            double py = sy.position(y.position(vy), t.id() + "/y");
            if (Double.isFinite(px) && Double.isFinite(py)) {
                points.add(new StabilityMap.Point(t.id(), px, py, Outcome.of(t), x.label(vx), y.label(vy)));
            }
        }
        List<StabilityMap.Point> marks = new ArrayList<>();
        if (limits != null) {
            for (StableLimits.Limit l : limits.limits()) {
                int row = y.categories().indexOf(l.category());
                if (l.largestStable() != null && row >= 0) {
                    marks.add(new StabilityMap.Point(l.largestStableTrial(), l.largestStable(), row, Outcome.STABLE,
                            Format.number(l.largestStable()), l.category()));
                }
            }
        }
        return new StabilityMap(sx.axis(x), sy.axis(y), points, marks, score);
    }

    /**
     * Spreads trials that share a value so that they do not hide one another: deterministically (by
     * trial id), within a band narrower than the gap to the neighbouring value, so a point never looks
     * like it belongs to the next value.
     */
    private record Spread(boolean on, double halfWidth, boolean log) {
        static Spread of(Knob k, List<Object> values, int trials) {
            if (!k.numeric()) {
                return new Spread(true, CATEGORY_JITTER, false);
            }
            TreeSet<Double> distinct = new TreeSet<>();
            for (Object v : values) {
                if (v instanceof Number n) {
                    distinct.add(k.logScale() ? Math.log10(n.doubleValue()) : n.doubleValue());
                }
            }
            if (distinct.size() > Bins.MAX_EXACT_VALUES || distinct.size() >= trials || distinct.size() < 2) {
                return new Spread(false, 0, k.logScale());
            }
            double gap = Double.POSITIVE_INFINITY;
            Double prev = null;
            for (double d : distinct) {
                if (prev != null) {
                    gap = Math.min(gap, d - prev);
                }
                prev = d;
            }
            return new Spread(true, NUMBER_JITTER * gap, k.logScale());
        }

        double position(double value, String key) {
            if (!on || !Double.isFinite(value)) {
                return value;
            }
            double u = unit(key) * halfWidth;
            return log ? value * Math.pow(10, u) : value + u;
        }

        StabilityMap.Axis axis(Knob k) {
            return new StabilityMap.Axis(k.name(), k.logScale(), k.categories(), on);
        }
    }

    /** A number in [-1, 1] fixed by the key, so the same report draws the same picture. */
    static double unit(String key) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return ((h & 0xFFFF) / 65535.0) * 2 - 1;
    }
}
