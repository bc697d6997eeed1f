package dev.keel.sweep.sampler;

import dev.keel.sweep.store.TrialRecord;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a sampler is told when it is asked for a configuration (Optuna's study, as a sampler sees it): every
 * trial stored so far, and the configurations of the trials still running on other workers. Read-only views,
 * valid for the duration of one {@link Sampler#sample} call.
 *
 * @param finished trials stored so far: on resume the earlier runs' first (by id), then this run's in the order
 *                 they were stored
 * @param running  the varied knobs of every trial asked for but not stored yet
 */
public record SearchHistory(List<TrialRecord> finished, Collection<Map<String, Object>> running) {
    public static final SearchHistory EMPTY = new SearchHistory(List.of(), List.of());

    public SearchHistory {
        finished = Collections.unmodifiableList(finished);
        running = Collections.unmodifiableCollection(running);
    }
}
