package dev.keel.sweep.search;

import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.Parameter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A varied knob as the search models see it: a list is a category index, a number a position in [0, 1] of its
 * range (in log space for log distributions, by equal bins for an integer range), the same position
 * {@link Parameter#valueAt} maps back to a value. Working on positions lets one estimator serve every numeric
 * knob: a log-scaled learning rate and a linear dropout alike.
 */
public final class Axis {
    private final Parameter parameter;
    private final Parameter domain;

    public Axis(Parameter parameter) {
        if (!parameter.varies()) {
            throw new IllegalArgumentException(parameter.knob() + " is fixed");
        }
        this.parameter = parameter;
        this.domain = parameter instanceof Conditional c ? c.inner() : parameter;
    }

    public String knob() {
        return parameter.knob();
    }

    public Parameter parameter() {
        return parameter;
    }

    /** Whether the knob exists for a configuration (a conditional knob only for some values of its parent). */
    public boolean activeFor(Map<String, ?> config) {
        return !(parameter instanceof Conditional c) || c.activeFor(config);
    }

    /** The category count of a list, or 0 for a number. */
    public int choices() {
        return domain instanceof Choice c ? c.values().size() : 0;
    }

    public boolean categorical() {
        return choices() > 0;
    }

    /** The coordinate of a value: its index in a list, or its position in [0, 1]; NaN if it lies outside. */
    public double coordinate(Object value) {
        if (domain instanceof Choice c) {
            int i = c.values().indexOf(value);
            return i < 0 ? Double.NaN : i;
        }
        Distribution d = (Distribution) domain;
        if (!(value instanceof Number n)) {
            return Double.NaN;
        }
        double v = n.doubleValue();
        if (d.kind() == DistributionKind.INT_UNIFORM) {
            BigDecimal step = BigDecimal.valueOf(d.q() == null ? 1 : d.q());
            long lo = BigDecimal.valueOf(d.min()).divide(step, 0, RoundingMode.CEILING).longValueExact();
            long hi = BigDecimal.valueOf(d.max()).divide(step, 0, RoundingMode.FLOOR).longValueExact();
            long k = BigDecimal.valueOf(v).divide(step, 0, RoundingMode.HALF_EVEN).longValueExact();
            return clamp((k - lo + 0.5) / (hi - lo + 1));
        }
        if (d.max() == d.min()) {
            return 0.5;
        }
        return d.kind().logScale()
                ? clamp((Math.log(v) - Math.log(d.min())) / (Math.log(d.max()) - Math.log(d.min())))
                : clamp((v - d.min()) / (d.max() - d.min()));
    }

    /** The value at a coordinate (rounded to a category index for a list). */
    public Object value(double coordinate) {
        if (domain instanceof Choice c) {
            int i = (int) Math.round(coordinate);
            return c.values().get(Math.max(0, Math.min(c.values().size() - 1, i)));
        }
        return domain.valueAt(Math.min(Math.max(coordinate, 0), Math.nextDown(1.0)));
    }

    /** A readable form of a coordinate, for reports: the value it maps to. */
    public String label(double coordinate) {
        return Parameter.format(value(coordinate));
    }

    private static double clamp(double u) {
        return Math.max(0, Math.min(1, u));
    }
}
