package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the parameters' points exactly once, in a stable order: the first parameter of the
 * space changes slowest, the last fastest (like nested loops, or Python's itertools.product).
 */
public final class GridSampler implements Sampler {
    private final List<Parameter> parameters;
    private final List<List<Object>> points = new ArrayList<>();
    private final int size;

    public GridSampler(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        long product = 1;
        for (Parameter p : this.parameters) {
            List<Object> pts = p.points();
            points.add(pts);
            product *= pts.size();
            if (product > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the grid has more than " + Integer.MAX_VALUE + " combinations");
            }
        }
        size = (int) product;
    }

    /** The whole product, whatever was requested: a grid that skips combinations is not a grid. */
    @Override
    public int configurations(int requested) {
        return size;
    }

    @Override
    public Suggestion sample(int index, SearchHistory history) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("configuration " + index + " of a grid of " + size);
        }
        Object[] chosen = new Object[parameters.size()];
        int rest = index;
        for (int i = parameters.size() - 1; i >= 0; i--) {
            List<Object> pts = points.get(i);
            chosen[i] = pts.get(rest % pts.size());
            rest /= pts.size();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < chosen.length; i++) {
            config.put(parameters.get(i).knob(), chosen[i]);
        }
        return Suggestion.planned(config);
    }
}
