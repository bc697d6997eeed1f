package dev.keel.sweep.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code knob: {value: V}}: every trial uses V. Knobs a space leaves out are fixed at their default. */
public record FixedValue(String knob, Object value) implements Parameter {
    public FixedValue {
        KnobDomain.requireKnob(knob);
        try {
            value = KnobDomain.canonical(knob, value);
        } catch (IllegalArgumentException e) {
            throw new SpaceKeyException(KnobDomain.key(knob, "value"), e.getMessage());
        }
    }

    public static FixedValue defaultOf(String knob) {
        return new FixedValue(knob, KnobDomain.defaultValue(knob));
    }

    @Override
    public boolean varies() {
        return false;
    }

    @Override
    public Object valueAt(double u) {
        return value;
    }

    @Override
    public boolean contains(Object candidate) {
        return Objects.equals(value, candidate);
    }

    @Override
    public boolean enumerable() {
        return true;
    }

    @Override
    public long count() {
        return 1;
    }

    @Override
    public List<Object> points() {
        return List.of(value);
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("value", value);
        return spec;
    }

    @Override
    public String describe() {
        return Parameter.format(value);
    }
}
