package dev.keel.report.model;

import dev.keel.sweep.recommend.Candidate;
import dev.keel.sweep.recommend.CandidateSelector;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's recommended defaults: the configuration {@link CandidateSelector} chooses, the same rule as
 * {@code keel recommend}'s recommended.yaml.
 *
 * @param best           the chosen configuration, or {@code null} when none was stable with its metric recorded
 * @param stableConfigs  configurations stable in every seed
 * @param configs        configurations tried (distinct params, seeds folded together)
 * @param reason         one sentence saying why
 */
public record Recommendation(Config best, int stableConfigs, int configs, String reason) {

    /**
     * @param params   every knob, as stored
     * @param trialIds its trials, one per seed
     * @param metric   the mean metric over its seeds
     * @param low      the lowest metric over its seeds
     * @param high     the highest
     */
    public record Config(Map<String, Object> params, List<String> trialIds, double metric, double low, double high) {
        public Config {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            trialIds = List.copyOf(trialIds);
        }

        public int seeds() {
            return trialIds.size();
        }
    }

    /**
     * The sweep's recommendation by keel's one rule ({@link CandidateSelector}, the rule {@code keel recommend}
     * writes recommended.yaml by): configurations stable on every seed, the best mean metric, and a near-tie
     * (means within noise of each other) to the steadier, then the simpler configuration.
     */
    public static Recommendation of(SweepResults sweep) {
        Metric metric = sweep.objective();
        List<Candidate> candidates = CandidateSelector.group(sweep.trials());
        int configs = candidates.size();
        int stableConfigs = (int) candidates.stream().filter(Candidate::stableOnAllSeeds).count();
        boolean seeded = sweep.repeats() > 1 || candidates.stream().anyMatch(c -> c.runs().size() > 1);
        if (stableConfigs == 0) {
            String why = sweep.trials().isEmpty() ? "No trial has finished yet."
                    : "No configuration trained stably" + (sweep.repeats() > 1 ? " in every seed" : "")
                    + ", so there is nothing to recommend: see the stability maps for where training breaks down.";
            return new Recommendation(null, 0, configs, why);
        }
        Optional<CandidateSelector.Choice> choice =
                CandidateSelector.forSweep(metric, sweep.manifest().data()).decide(candidates);
        if (choice.isEmpty()) {
            return new Recommendation(null, stableConfigs, configs, stableConfigs + " configuration"
                    + (stableConfigs == 1 ? "" : "s") + " trained stably" + (seeded ? " in every seed" : "")
                    + ", but no trial recorded " + metric.name() + " on every seed, so none can be recommended over "
                    + "another.");
        }
        Config best = config(choice.get().chosen(), metric);
        return new Recommendation(best, stableConfigs, configs,
                reason(best, choice.get(), stableConfigs, configs, metric, sweep.repeats() > 1 || best.seeds() > 1));
    }

    private static String reason(Config best, CandidateSelector.Choice choice, int stable, int configs, Metric metric,
                                 boolean seeded) {
        String name = metric.name();
        StringBuilder s = new StringBuilder();
        boolean bestMean = choice.why() == CandidateSelector.Why.BEST_MEAN;
        if (bestMean) {
            s.append(seeded ? "Stable in all " + best.seeds() + " seeds, with the best mean " : "Stable, with the best ");
        } else {
            s.append(seeded ? "Stable in all " + best.seeds() + " seeds, with mean " : "Stable, with ");
        }
        s.append(name).append(" (").append(Format.number(best.metric()));
        if (seeded && best.seeds() > 1) {
            s.append(", range ").append(Format.number(best.low())).append(" to ").append(Format.number(best.high()));
        }
        s.append(')');
        if (!bestMean) {
            s.append(", within noise of the best (").append(Format.number(choice.bestMean().mean(name))).append(')');
        }
        s.append(" of the ").append(stable).append(" stable configuration")
                .append(stable == 1 ? "" : "s").append(" out of ").append(configs);
        if (bestMean) {
            if (choice.eligible().size() > 1) {
                s.append("; the runner-up reached ").append(Format.number(choice.eligible().get(1).mean(name)));
            }
        } else {
            s.append(", and chosen for ").append(choice.why() == CandidateSelector.Why.SMALLER_SPREAD
                    ? "a smaller spread across seeds" : "fewer settings away from the defaults");
        }
        return s.append('.').toString();
    }

    private static Config config(Candidate chosen, Metric metric) {
        double low = Double.NaN;
        double high = Double.NaN;
        for (TrialRecord t : chosen.runs()) {
            double m = t.metric(metric.name());
            low = Double.isNaN(low) ? m : Math.min(low, m);
            high = Double.isNaN(high) ? m : Math.max(high, m);
        }
        return new Config(chosen.params(), chosen.runs().stream().map(TrialRecord::id).toList(),
                chosen.mean(metric.name()), low, high);
    }

    public boolean found() {
        return best != null;
    }
}
