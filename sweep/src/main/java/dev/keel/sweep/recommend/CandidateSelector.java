package dev.keel.sweep.recommend;

import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule {@code keel recommend} chooses by (docs/RECOMMEND.md):
 * <ol>
 *   <li>only candidates stable on every seed are eligible — a higher mean that is unstable on one seed loses;</li>
 *   <li>among them the best mean validation metric wins;</li>
 *   <li>candidates whose mean is within noise of the best (a near-tie) are ordered by lower spread across
 *       seeds, then by fewer knobs away from the defaults.</li>
 * </ol>
 */
public final class CandidateSelector {
    /**
     * Two means are a near-tie when they differ by less than the standard error of their difference
     * (Welch), or by less than this share of the best mean's magnitude when seeds agree exactly. 0.5%
     * is half a point of accuracy: below what a new seed usually moves a small-data result.
     */
    static final double RELATIVE_TIE = 0.005;

    private final String metric;
    private final MetricGoal goal;
    private final double resolution;

    public CandidateSelector(String metric, MetricGoal goal) {
        this(metric, goal, 0);
    }

    /**
     * @param resolution the smallest difference the metric can show: for accuracy on n validation rows, 1/n
     *                   (one example). Means closer than that are a near-tie whatever the seeds say: on a small
     *                   validation split one example is noise, not a better setting.
     */
    public CandidateSelector(String metric, MetricGoal goal, double resolution) {
        this.metric = metric;
        this.goal = goal;
        this.resolution = resolution;
    }

    /** Groups trials that share every knob into candidates (one run per seed), in first-seen order. */
    public static List<Candidate> group(List<TrialRecord> trials) {
        Map<String, List<TrialRecord>> byParams = new LinkedHashMap<>();
        Map<String, Map<String, Object>> paramsOf = new LinkedHashMap<>();
        for (TrialRecord t : trials) {
            String key = new TreeMap<>(t.params()).toString();
            byParams.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            paramsOf.putIfAbsent(key, t.params());
        }
        List<Candidate> out = new ArrayList<>();
        byParams.forEach((k, runs) -> out.add(new Candidate(paramsOf.get(k), runs)));
        return out;
    }

    /** The chosen candidate, or empty when no candidate is stable on all its seeds with a finite metric. */
    public Optional<Candidate> choose(List<Candidate> candidates) {
        List<Candidate> eligible = candidates.stream()
                .filter(Candidate::stableOnAllSeeds)
                .filter(c -> Double.isFinite(c.mean(metric)))
                .toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        Candidate best = eligible.get(0);
        for (Candidate c : eligible) {
            if (goal.better(c.mean(metric), best.mean(metric))) {
                best = c;
            }
        }
        Candidate leader = best;
        return eligible.stream()
                .filter(c -> nearTie(c, leader))
                .min(Comparator.comparingDouble(this::spread)
                        .thenComparingInt(Candidate::knobsAwayFromDefaults)
                        .thenComparing(c -> goal == MetricGoal.MAXIMIZE ? -c.mean(metric) : c.mean(metric)));
    }

    /** Spread across seeds, in whole steps of the metric's resolution when it has one: less is noise too. */
    private double spread(Candidate c) {
        double std = c.std(metric);
        return resolution > 0 ? Math.floor(std / resolution + 1e-9) : std;
    }

    /** One sentence on why {@code chosen} won, counted from the candidates. */
    public String explain(List<Candidate> candidates, Candidate chosen) {
        int seeds = chosen.runs().size();
        List<Candidate> eligible = candidates.stream().filter(Candidate::stableOnAllSeeds)
                .filter(c -> Double.isFinite(c.mean(metric))).toList();
        long unstableBetter = candidates.stream()
                .filter(c -> !c.stableOnAllSeeds() && goal.better(c.mean(metric), chosen.mean(metric))).count();
        Candidate best = eligible.stream().reduce((a, b) -> goal.better(b.mean(metric), a.mean(metric)) ? b : a)
                .orElse(chosen);
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                "stable on all %d seeds with %s %.4g ± %.2g", seeds, metric, chosen.mean(metric), chosen.std(metric)));
        if (best == chosen) {
            s.append(String.format(java.util.Locale.ROOT, ", the best mean of the %d candidates stable on every seed",
                    eligible.size()));
        } else {
            s.append(String.format(java.util.Locale.ROOT,
                    ", within noise of the best (%.4g) and chosen for %s", best.mean(metric),
                    spread(chosen) < spread(best) ? "a smaller spread across seeds"
                            : "fewer settings away from the defaults"));
        }
        if (unstableBetter > 0) {
            s.append(String.format(java.util.Locale.ROOT, "; %d candidate%s with a better mean %s unstable on some seed",
                    unstableBetter, unstableBetter == 1 ? "" : "s", unstableBetter == 1 ? "was" : "were"));
        }
        return s.toString();
    }

    /** Whether {@code c}'s mean is within noise of the leader's. */
    public boolean nearTie(Candidate c, Candidate leader) {
        if (c == leader) {
            return true;
        }
        double diff = Math.abs(c.mean(metric) - leader.mean(metric));
        double se = Math.sqrt(sq(c.std(metric)) / c.runs().size() + sq(leader.std(metric)) / leader.runs().size());
        double floor = RELATIVE_TIE * Math.max(Math.abs(leader.mean(metric)), 1e-12);
        return diff <= Math.max(Math.max(se, floor), resolution * (1 + 1e-9));
    }

    private static double sq(double x) {
        return x * x;
    }
}
