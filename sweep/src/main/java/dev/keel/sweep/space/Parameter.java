package dev.keel.sweep.space;

import java.util.List;
import java.util.Map;

/**
 * One knob's entry under {@code parameters}: a fixed {@code value}, a list of {@code values}, or a
 * {@code distribution}. Samplers see only this view: the domain, and how to map a point of [0, 1) onto
 * it, so that grid, random and Sobol need no knowledge of what a knob means.
 */
public sealed interface Parameter permits FixedValue, Choice, Distribution, Conditional {

    /** The knob's YAML key, one of {@code TrialConfig.KNOBS}. */
    String knob();

    /** Whether samplers draw it; a fixed value does not take a dimension. */
    default boolean varies() {
        return true;
    }

    /**
     * The value at position {@code u} of the domain, {@code 0 <= u < 1}: a list by index, a log-uniform
     * distribution in log space, an integer range with both ends equally likely.
     */
    Object valueAt(double u);

    /** Whether {@code value} (canonical form) is one this parameter can produce. */
    boolean contains(Object value);

    /** Whether grid can enumerate it: lists and integer ranges, not continuous distributions. */
    boolean enumerable();

    /** How many values grid enumerates; only when {@link #enumerable()}. */
    long count();

    /** The values grid enumerates, in order; only when {@link #enumerable()}. */
    List<Object> points();

    /** The parameter as it is written in YAML, every key present. */
    Map<String, Object> toSpec();

    /** A short description for the command line, e.g. {@code log_uniform_values [0.0001, 3.0]}. */
    String describe();

    static Parameter fixed(String knob, Object value) {
        return new FixedValue(knob, value);
    }

    static Parameter values(String knob, List<?> values) {
        return new Choice(knob, List.copyOf(values));
    }

    static Parameter distribution(String knob, DistributionKind kind, double min, double max) {
        return new Distribution(knob, kind, min, max, null);
    }

    /** A value as YAML would show it: {@code {patience: 5, min_delta: 0.0001}}, not {@code {patience=5, min_delta=1.0E-4}}. */
    static String format(Object value) {
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(format(v)));
            return b.append('}').toString();
        }
        if (value instanceof Double d) {
            return KnobDomain.plain(d);
        }
        return String.valueOf(value);
    }
}
