package dev.keel.sweep.recommend;

import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What "recommended" means, the one rule that {@code keel recommend} writes to {@code recommended.yaml} and the
 * report's "Recommended defaults" shows (docs/RECOMMEND.md, Choose):
 * <ol>
 *   <li>only candidates stable on every seed, with the metric recorded on every seed, are eligible — a higher
 *       mean that is unstable on one seed loses;</li>
 *   <li>among them the best mean metric leads;</li>
 *   <li>candidates whose mean is within noise of the leader's (a near-tie) are ordered by lower spread across
 *       seeds, then by fewer knobs away from the defaults, then by the better mean.</li>
 * </ol>
 */
public final class CandidateSelector {
    /**
     * Two means are a near-tie when they differ by less than the standard error of their difference
     * (Welch), or by less than this share of the best mean's magnitude when seeds agree exactly. 0.5%
     * is half a point of accuracy: below what a new seed usually moves a small-data result.
     */
    static final double RELATIVE_TIE = 0.005;

    /** Why the chosen candidate won. */
    public enum Why {
        /** It has the best mean of the eligible candidates. */
        BEST_MEAN,
        /** Within noise of the best mean, and steadier across seeds. */
        SMALLER_SPREAD,
        /** Within noise of the best mean, as steady, and closer to the defaults. */
        FEWER_SETTINGS
    }

    /**
     * A decision.
     *
     * @param chosen   the recommended candidate
     * @param bestMean the eligible candidate with the best mean (the chosen one unless a near-tie went elsewhere)
     * @param eligible the candidates stable on every seed with the metric on every seed, best mean first
     * @param why      why {@code chosen} won
     */
    public record Choice(Candidate chosen, Candidate bestMean, List<Candidate> eligible, Why why) {
        public Choice {
            eligible = List.copyOf(eligible);
        }
    }

    private final Metric metric;
    private final double resolution;

    public CandidateSelector(Metric metric) {
        this(metric, 0);
    }

    /**
     * @param resolution the smallest difference the metric can show: for accuracy on n rows, 1/n (one example).
     *                   Means closer than that are a near-tie whatever the seeds say: on a small validation split
     *                   one example is noise, not a better setting.
     */
    public CandidateSelector(Metric metric, double resolution) {
        this.metric = metric;
        this.resolution = resolution;
    }

    /**
     * The selector for a sweep's metric on its data: an accuracy moves in steps of one example of the split it is
     * measured on, so a difference of one example is a near-tie. Without a data summary, or for any other metric,
     * the seeds alone say what is noise.
     */
    public static CandidateSelector forSweep(Metric metric, DataSummary data) {
        int rows = data == null ? 0 : data.rowsCounted(metric.name());
        return new CandidateSelector(metric, rows > 0 ? 1.0 / rows : 0);
    }

    public Metric metric() {
        return metric;
    }

    /**
     * Groups trials that share every knob ({@link Candidate#key}) into candidates, one run per seed: each
     * candidate's runs and the candidates themselves in trial-id order, which is plan order, so the grouping
     * does not depend on the order trials finished in.
     */
    public static List<Candidate> group(List<TrialRecord> trials) {
        Map<String, List<TrialRecord>> byParams = new LinkedHashMap<>();
        trials.stream().sorted(Comparator.comparing(TrialRecord::id))
                .forEach(t -> byParams.computeIfAbsent(Candidate.key(t.params()), k -> new ArrayList<>()).add(t));
        List<Candidate> out = new ArrayList<>();
        byParams.values().forEach(runs -> out.add(new Candidate(runs.get(0).params(), runs)));
        return out;
    }

    /** The chosen candidate, or empty when no candidate is stable on all its seeds with a finite metric. */
    public Optional<Candidate> choose(List<Candidate> candidates) {
        return decide(candidates).map(Choice::chosen);
    }

    /** The decision with its reasons, or empty when no candidate is eligible. */
    public Optional<Choice> decide(List<Candidate> candidates) {
        List<Candidate> eligible = new ArrayList<>(candidates.stream()
                .filter(Candidate::stableOnAllSeeds)
                .filter(c -> Double.isFinite(c.mean(metric.name())))
                .toList());
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        eligible.sort(Comparator.comparing(c -> c.mean(metric.name()), metric.goal().bestFirst()));
        Candidate leader = eligible.get(0);
        Candidate chosen = eligible.stream()
                .filter(c -> nearTie(c, leader))
                .min(Comparator.comparingDouble(this::spread)
                        .thenComparingInt(Candidate::knobsAwayFromDefaults)
                        .thenComparing(c -> c.mean(metric.name()), metric.goal().bestFirst()))
                .orElse(leader);
        Why why = chosen == leader || !metric.better(leader.mean(metric.name()), chosen.mean(metric.name()))
                ? Why.BEST_MEAN
                : spread(chosen) < spread(leader) ? Why.SMALLER_SPREAD : Why.FEWER_SETTINGS;
        return Optional.of(new Choice(chosen, why == Why.BEST_MEAN ? chosen : leader, eligible, why));
    }

    /** Spread across seeds, in whole steps of the metric's resolution when it has one: less is noise too. */
    private double spread(Candidate c) {
        double std = c.std(metric.name());
        return resolution > 0 ? Math.floor(std / resolution + 1e-9) : std;
    }

    /** One sentence on why the choice won, counted from the candidates, as {@code keel recommend} prints it. */
    public String explain(Choice choice, List<Candidate> candidates) {
        String name = metric.name();
        Candidate chosen = choice.chosen();
        long unstableBetter = candidates.stream()
                .filter(c -> !c.stableOnAllSeeds() && metric.better(c.mean(name), chosen.mean(name))).count();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "stable on all %d seeds with %s %.4g ± %.2g",
                chosen.runs().size(), name, chosen.mean(name), chosen.std(name)));
        s.append(switch (choice.why()) {
            case BEST_MEAN -> String.format(Locale.ROOT, ", the best mean of the %d candidates stable on every seed",
                    choice.eligible().size());
            case SMALLER_SPREAD -> String.format(Locale.ROOT, ", within noise of the best (%.4g) and chosen for a "
                    + "smaller spread across seeds", choice.bestMean().mean(name));
            case FEWER_SETTINGS -> String.format(Locale.ROOT, ", within noise of the best (%.4g) and chosen for fewer "
                    + "settings away from the defaults", choice.bestMean().mean(name));
        });
        if (unstableBetter > 0) {
            s.append(String.format(Locale.ROOT, "; %d candidate%s with a better mean %s unstable on some seed",
                    unstableBetter, unstableBetter == 1 ? "" : "s", unstableBetter == 1 ? "was" : "were"));
        }
        return s.toString();
    }

    /** Whether {@code c}'s mean is within noise of the leader's. */
    public boolean nearTie(Candidate c, Candidate leader) {
        if (c == leader) {
            return true;
        }
        String name = metric.name();
        double diff = Math.abs(c.mean(name) - leader.mean(name));
        double se = Math.sqrt(sq(c.std(name)) / c.runs().size() + sq(leader.std(name)) / leader.runs().size());
        double floor = RELATIVE_TIE * Math.max(Math.abs(leader.mean(name)), 1e-12);
        return diff <= Math.max(Math.max(se, floor), resolution * (1 + 1e-9));
    }

    private static double sq(double x) {
        return x * x;
    }
}
