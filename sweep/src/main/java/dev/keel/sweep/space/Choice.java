package dev.keel.sweep.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code knob: {values: [a, b, c]}}: one of the listed values, each equally likely. */
public record Choice(String knob, List<Object> values) implements Parameter {
    public Choice {
        KnobDomain.requireKnob(knob);
        if (values == null || values.isEmpty()) {
            throw new SpaceKeyException(KnobDomain.key(knob, "values"), "needs at least one value");
        }
        List<Object> canonical = new ArrayList<>(values.size());
        // Repeats found through a map, not by searching the list: a long list is checked in linear time.
        Map<Object, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Object v;
            try {
                v = KnobDomain.canonical(knob, values.get(i));
            } catch (IllegalArgumentException e) {
                throw new SpaceKeyException(KnobDomain.key(knob, "values[" + i + "]"), e.getMessage());
            }
            Integer earlier = seen.putIfAbsent(v, i);
            if (earlier != null) {
                throw new SpaceKeyException(KnobDomain.key(knob, "values[" + i + "]"),
                        "'" + values.get(i) + "' repeats values[" + earlier + "]");
            }
            canonical.add(v);
        }
        values = List.copyOf(canonical);
    }

    @Override
    public Object valueAt(double u) {
        int i = (int) Math.floor(u * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, i)));
    }

    @Override
    public boolean contains(Object value) {
        return values.contains(value);
    }

    @Override
    public boolean enumerable() {
        return true;
    }

    @Override
    public long count() {
        return values.size();
    }

    @Override
    public List<Object> points() {
        return values;
    }

    @Override
    public Map<String, Object> toSpec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("values", values);
        return spec;
    }

    @Override
    public String describe() {
        return values.stream().map(Parameter::format).collect(Collectors.joining(", ", "values [", "]"));
    }
}
