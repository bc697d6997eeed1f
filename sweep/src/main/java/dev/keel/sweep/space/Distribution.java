package dev.keel.sweep.space;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code knob: {distribution: D, min: A, max: B, q: Q}} over a numeric knob.
 *
 * <p>Values snap to multiples of a step: {@code q} when given; else 1 for {@code int_uniform},
 * {@code q_log_uniform_values} and integer knobs (batch_size, depth, width, epochs); else no snapping.
 * Snapped values stay within [min, max]. Multiples are computed in decimal, so {@code q: 0.1} gives 0.3,
 * not 0.30000000000000004.
 *
 * @param q the step, or {@code null} for the default
 */
public record Distribution(String knob, DistributionKind kind, double min, double max, Double q)
        implements Parameter {

    /** Grid enumerates an integer range only up to this many points (it is a list, after all). */
    static final long MAX_POINTS = 1_000_000;

    public Distribution {
        KnobDomain.requireKnob(knob);
        if (kind == null) {
            throw new SpaceKeyException(KnobDomain.key(knob, "distribution"), "a distribution is required");
        }
        if (!KnobDomain.isNumeric(knob)) {
            throw new SpaceKeyException(KnobDomain.key(knob, "distribution"),
                    knob + " is not a number; list its choices under 'values' instead");
        }
        finite(knob, "min", min);
        finite(knob, "max", max);
        if (min > max) {
            throw new SpaceKeyException(KnobDomain.key(knob, "min"),
                    "min " + KnobDomain.plain(min) + " is greater than max " + KnobDomain.plain(max));
        }
        if (kind.logScale() && !(min > 0)) {
            throw new SpaceKeyException(KnobDomain.key(knob, "min"),
                    kind.token() + " needs min > 0, was " + KnobDomain.plain(min));
        }
        if (q != null) {
            if (!(q > 0 && Double.isFinite(q))) {
                throw new SpaceKeyException(KnobDomain.key(knob, "q"), "q must be a number > 0, was " + KnobDomain.plain(q));
            }
            if ((KnobDomain.isInteger(knob) || kind == DistributionKind.INT_UNIFORM) && q != Math.rint(q)) {
                throw new SpaceKeyException(KnobDomain.key(knob, "q"), "q must be a whole number for "
                        + (kind == DistributionKind.INT_UNIFORM ? "int_uniform" : "the integer knob " + knob)
                        + ", was " + KnobDomain.plain(q));
            }
        }
        if (kind == DistributionKind.INT_UNIFORM) {
            whole(knob, "min", min);
            whole(knob, "max", max);
        }
        BigDecimal step = step(knob, kind, q);
        if (step != null && lowIndex(min, step).compareTo(highIndex(max, step)) > 0) {
            throw new SpaceKeyException(KnobDomain.key(knob, q != null ? "q" : "min"), "no multiple of "
                    + step.toPlainString() + " lies between min " + KnobDomain.plain(min) + " and max " + KnobDomain.plain(max));
        }
        endpoint(knob, "min", box(knob, step == null ? min : multiple(lowIndex(min, step), step)));
        endpoint(knob, "max", box(knob, step == null ? max : multiple(highIndex(max, step), step)));
    }

    @Override
    public Object valueAt(double u) {
        BigDecimal step = step(knob, kind, q);
        if (kind == DistributionKind.INT_UNIFORM) {
            // In decimal: on a float knob the range may hold more integers than a long counts (max: 1e30).
            BigDecimal lo = lowIndex(min, step);
            BigDecimal last = highIndex(max, step).subtract(lo);
            BigDecimal k = last.add(BigDecimal.ONE).multiply(BigDecimal.valueOf(u)).setScale(0, RoundingMode.FLOOR);
            return box(knob, multiple(lo.add(k.min(last)), step));
        }
        double x = kind.logScale()
                ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))
                : min + u * (max - min);
        x = Math.max(min, Math.min(max, x));
        if (step == null) {
            return x;
        }
        BigDecimal k = BigDecimal.valueOf(x).divide(step, 0, RoundingMode.HALF_EVEN);
        k = k.max(lowIndex(min, step)).min(highIndex(max, step));
        return box(knob, multiple(k, step));
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n)) {
            return false;
        }
        if ((KnobDomain.isInteger(knob)) != (value instanceof Integer)) {
            return false;
        }
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) {
            return false;
        }
        BigDecimal step = step(knob, kind, q);
        return step == null || BigDecimal.valueOf(v).remainder(step).signum() == 0;
    }

    @Override
    public boolean enumerable() {
        return kind == DistributionKind.INT_UNIFORM;
    }

    @Override
    public long count() {
        if (!enumerable()) {
            throw new UnsupportedOperationException(kind.token() + " is continuous");
        }
        BigDecimal step = step(knob, kind, q);
        BigDecimal n = highIndex(max, step).subtract(lowIndex(min, step)).add(BigDecimal.ONE);
        return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : n.longValueExact();
    }

    @Override
    public List<Object> points() {
        long n = count();
        if (n > MAX_POINTS) {
            throw new SpaceKeyException(KnobDomain.key(knob, "max"), "grid would enumerate " + n
                    + " values of " + knob + "; at most " + MAX_POINTS);
        }
        BigDecimal step = step(knob, kind, q);
        BigDecimal lo = lowIndex(min, step);
        List<Object> points = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            points.add(box(knob, multiple(lo.add(BigDecimal.valueOf(i)), step)));
        }
        return points;
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("distribution", kind.token());
        spec.put("min", number(min));
        spec.put("max", number(max));
        spec.put("q", q == null ? null : number(q));
        return spec;
    }

    @Override
    public String describe() {
        return kind.token() + " [" + KnobDomain.plain(min) + ", " + KnobDomain.plain(max) + "]"
                + (q == null ? "" : " q " + KnobDomain.plain(q));
    }

    private static BigDecimal step(String knob, DistributionKind kind, Double q) {
        if (q != null) {
            return BigDecimal.valueOf(q);
        }
        if (kind == DistributionKind.INT_UNIFORM || kind == DistributionKind.Q_LOG_UNIFORM_VALUES
                || KnobDomain.isInteger(knob)) {
            return BigDecimal.ONE;
        }
        return null;
    }

    private static BigDecimal lowIndex(double min, BigDecimal step) {
        return BigDecimal.valueOf(min).divide(step, 0, RoundingMode.CEILING);
    }

    private static BigDecimal highIndex(double max, BigDecimal step) {
        return BigDecimal.valueOf(max).divide(step, 0, RoundingMode.FLOOR);
    }

    private static double multiple(BigDecimal k, BigDecimal step) {
        return k.multiply(step).doubleValue();
    }

    private static Object box(String knob, double v) {
        if (KnobDomain.isInteger(knob) && Math.abs(v) <= Integer.MAX_VALUE) {
            return (int) Math.round(v);
        }
        return v;
    }

    /** Whole numbers as integers in YAML and JSON, so that {@code min: 16} reads back as written. */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static void finite(String knob, String part, double v) {
        if (!Double.isFinite(v)) {
            throw new SpaceKeyException(KnobDomain.key(knob, part), part + " must be a finite number, was " + v);
        }
    }

    private static void whole(String knob, String part, double v) {
        if (v != Math.rint(v)) {
            throw new SpaceKeyException(KnobDomain.key(knob, part), "int_uniform needs a whole number, was " + KnobDomain.plain(v));
        }
    }

    private static void endpoint(String knob, String part, Object value) {
        try {
            KnobDomain.canonical(knob, value);
        } catch (IllegalArgumentException e) {
            throw new SpaceKeyException(KnobDomain.key(knob, part), e.getMessage());
        }
    }
}
