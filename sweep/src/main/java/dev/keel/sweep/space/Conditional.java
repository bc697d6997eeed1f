package dev.keel.sweep.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code knob: {values: [...] | distribution: ..., when: {parent: [a, b]}}}: a knob that only exists for some
 * values of another, as weight decay for AdamW only or a clipping threshold only when clipping is on. Where the
 * parent takes a listed value the knob is drawn from {@code inner}; elsewhere it keeps its default (what a knob
 * the space leaves out would take), so every trial still records every knob. The parent is a {@code values} knob
 * that is not conditional itself ({@link SweepSpace} checks it against the other parameters).
 *
 * @param inner   the knob's own domain, a {@link Choice} or a {@link Distribution}
 * @param parent  the knob it depends on
 * @param when    the parent's values (canonical) for which this knob is drawn
 */
public record Conditional(Parameter inner, String parent, List<Object> when) implements Parameter {
    public Conditional {
        Objects.requireNonNull(inner, "inner");
        if (!(inner instanceof Choice || inner instanceof Distribution)) {
            throw new SpaceKeyException(KnobDomain.key(inner.knob(), "when"),
                    "when goes with values or a distribution, not with a fixed value");
        }
        KnobDomain.requireKnob(parent);
        if (parent.equals(inner.knob())) {
            throw new SpaceKeyException(KnobDomain.key(inner.knob(), "when"), "a knob cannot depend on itself");
        }
        if (when == null || when.isEmpty()) {
            throw new SpaceKeyException(KnobDomain.key(inner.knob(), "when." + parent), "needs at least one value");
        }
        List<Object> canonical = new java.util.ArrayList<>();
        for (int i = 0; i < when.size(); i++) {
            try {
                canonical.add(KnobDomain.canonical(parent, when.get(i)));
            } catch (IllegalArgumentException e) {
                throw new SpaceKeyException(KnobDomain.key(inner.knob(), "when." + parent + "[" + i + "]"),
                        e.getMessage());
            }
        }
        when = List.copyOf(canonical);
    }

    @Override
    public String knob() {
        return inner.knob();
    }

    /** The value the knob keeps where it does not exist: its default. */
    public Object inactiveValue() {
        return KnobDomain.defaultValue(knob());
    }

    /** Whether the knob exists for a configuration (knob → value, with the parent's value in it). */
    public boolean activeFor(Map<String, ?> config) {
        return when.contains(config.get(parent));
    }

    /**
     * Puts every conditional knob whose parent does not take one of its values back at its default: what
     * samplers do after drawing each knob of a configuration.
     */
    public static Map<String, Object> resolve(Map<String, Object> config, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p instanceof Conditional c && !c.activeFor(config)) {
                config.put(c.knob(), c.inactiveValue());
            }
        }
        return config;
    }

    @Override
    public Object valueAt(double u) {
        return inner.valueAt(u);
    }

    @Override
    public boolean contains(Object value) {
        return inner.contains(value) || Objects.equals(value, inactiveValue());
    }

    /** Grid would run each inactive combination again: conditional knobs are for random, Sobol and bayes. */
    @Override
    public boolean enumerable() {
        return false;
    }

    @Override
    public long count() {
        throw new UnsupportedOperationException(knob() + " is conditional");
    }

    @Override
    public List<Object> points() {
        throw new UnsupportedOperationException(knob() + " is conditional");
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>(inner.toSpec());
        spec.put("when", Map.of(parent, when));
        return spec;
    }

    @Override
    public String describe() {
        return inner.describe() + " when " + parent + " is " + String.join(" or ",
                when.stream().map(Parameter::format).toList());
    }
}
