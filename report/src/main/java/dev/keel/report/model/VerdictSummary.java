package dev.keel.report.model;

import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many trials ended in each outcome.
 *
 * @param counts one entry per outcome, in {@link Outcome} order, zeros included
 * @param total  trials in the sweep
 * @param pruned trials the sweep stopped early (they keep their verdict, usually diverging)
 */
public record VerdictSummary(List<Count> counts, int total, int pruned) {

    /** @param share count / total, 0 for an empty sweep */
    public record Count(Outcome outcome, int count, double share) {
    }

    public VerdictSummary {
        counts = List.copyOf(counts);
    }

    public static VerdictSummary of(List<TrialRecord> trials) {
        Map<Outcome, Integer> n = new EnumMap<>(Outcome.class);
        int pruned = 0;
        for (TrialRecord t : trials) {
            n.merge(Outcome.of(t), 1, Integer::sum);
            if (t.status() == TrialStatus.PRUNED) {
                pruned++;
            }
        }
        List<Count> counts = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            int c = n.getOrDefault(o, 0);
            counts.add(new Count(o, c, trials.isEmpty() ? 0 : (double) c / trials.size()));
        }
        return new VerdictSummary(counts, trials.size(), pruned);
    }

    public Count count(Outcome outcome) {
        return counts.get(outcome.ordinal());
    }

    public double share(Outcome outcome) {
        return count(outcome).share();
    }
}
