package dev.keel.sweep.sampler;


import java.util.List;
import java.util.Map;

/** Runs the configurations a space lists under {@code configurations}, exactly and in order. */
public final class ListedSampler implements Sampler {
    private final List<Map<String, Object>> listed;

    public ListedSampler(List<Map<String, Object>> listed) {
        this.listed = List.copyOf(listed);
    }

    @Override
    public int configurations(int requested) {
        return listed.size();
    }

    @Override
    public Suggestion sample(int index, SearchHistory history) {
        return Suggestion.planned(listed.get(index));
    }
}
