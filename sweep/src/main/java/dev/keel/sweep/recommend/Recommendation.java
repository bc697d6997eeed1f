package dev.keel.sweep.recommend;

import dev.keel.sweep.store.ResultStore;

import java.nio.file.Path;
import java.util.List;

/**
 * The answer of {@code keel recommend}.
 *
 * @param chosen        the configuration chosen, or {@code null} when no candidate trained stably on every seed
 * @param stableOnAll   whether {@code chosen} was stable on every seed (false only for a flagged fallback)
 * @param reason        one sentence: why this one
 * @param why           a few sentences counted from this sweep's own verdicts
 * @param metric        the validation metric chosen by
 * @param testMetric    its test counterpart
 * @param screen        stage 1's store
 * @param confirm       stage 2's store
 * @param yaml          recommended.yaml, or {@code null} when nothing was chosen
 * @param candidates    stage 2's candidates, in the order they were confirmed
 */
public record Recommendation(Candidate chosen, boolean stableOnAll, String reason, List<String> why, String metric,
                             String testMetric, ResultStore screen, ResultStore confirm, Path yaml,
                             List<Candidate> candidates) {
    public Recommendation {
        why = List.copyOf(why);
        candidates = List.copyOf(candidates);
    }
}
