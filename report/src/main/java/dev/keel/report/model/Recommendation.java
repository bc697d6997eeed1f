package dev.keel.report.model;

import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recommended defaults: among the configurations that trained stably (in every seed, when the space
 * repeats them), the one with the best objective.
 *
 * @param best           the chosen configuration, or {@code null} when none was stable
 * @param stableConfigs  configurations stable in every seed
 * @param configs        configurations tried (distinct params, seeds folded together)
 * @param reason         one sentence saying why
 */
public record Recommendation(Config best, int stableConfigs, int configs, String reason) {

    /**
     * @param params   every knob, as stored
     * @param trialIds its trials, one per seed
     * @param metric   the mean objective over its seeds (NaN if not recorded)
     * @param low      the lowest objective over its seeds
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

    public static Recommendation of(SweepResults sweep) {
        Objective objective = sweep.objective();
        Map<String, List<TrialRecord>> byConfig = new LinkedHashMap<>();
        for (TrialRecord t : sweep.trials()) {
            byConfig.computeIfAbsent(key(t.params()), k -> new ArrayList<>()).add(t);
        }
        List<Config> stable = new ArrayList<>();
        for (List<TrialRecord> seeds : byConfig.values()) {
            if (seeds.stream().allMatch(t -> Outcome.of(t) == Outcome.STABLE)) {
                stable.add(config(seeds, objective));
            }
        }
        int configs = byConfig.size();
        if (stable.isEmpty()) {
            String why = sweep.trials().isEmpty() ? "No trial has finished yet."
                    : "No configuration trained stably" + (sweep.repeats() > 1 ? " in every seed" : "")
                    + ", so there is nothing to recommend: see the stability maps for where training breaks down.";
            return new Recommendation(null, 0, configs, why);
        }
        Comparator<Config> byObjective = (a, b) -> objective.better(a.metric(), b.metric()) ? -1
                : objective.better(b.metric(), a.metric()) ? 1 : 0;
        stable.sort(byObjective.thenComparing(c -> c.trialIds().get(0)));
        Config best = stable.get(0);
        return new Recommendation(best, stable.size(), configs, reason(best, stable, configs, objective,
                sweep.repeats() > 1 || best.seeds() > 1));
    }

    private static String reason(Config best, List<Config> stable, int configs, Objective objective, boolean seeded) {
        String metric = objective.name();
        if (Double.isNaN(best.metric())) {
            return "Stable" + (seeded ? " in all " + best.seeds() + " seeds" : "") + ", but no trial recorded "
                    + metric + ", so this is the first of the " + stable.size() + " stable configurations, not the best.";
        }
        StringBuilder s = new StringBuilder();
        s.append(seeded ? "Stable in all " + best.seeds() + " seeds, with the best mean " : "Stable, with the best ");
        s.append(metric).append(" (").append(Format.number(best.metric()));
        if (seeded && best.seeds() > 1) {
            s.append(", range ").append(Format.number(best.low())).append(" to ").append(Format.number(best.high()));
        }
        s.append(") of the ").append(stable.size()).append(" stable configuration")
                .append(stable.size() == 1 ? "" : "s").append(" out of ").append(configs);
        if (stable.size() > 1 && !Double.isNaN(stable.get(1).metric())) {
            s.append("; the runner-up reached ").append(Format.number(stable.get(1).metric()));
        }
        return s.append('.').toString();
    }

    private static Config config(List<TrialRecord> seeds, Objective objective) {
        double sum = 0;
        int n = 0;
        double low = Double.NaN;
        double high = Double.NaN;
        for (TrialRecord t : seeds) {
            double m = t.metric(objective.name());
            if (!Double.isNaN(m)) {
                sum += m;
                n++;
                low = Double.isNaN(low) ? m : Math.min(low, m);
                high = Double.isNaN(high) ? m : Math.max(high, m);
            }
        }
        // A seed without the metric makes the mean unknown rather than flattering.
        double mean = n == seeds.size() && n > 0 ? sum / n : Double.NaN;
        return new Config(seeds.get(0).params(), seeds.stream().map(TrialRecord::id).toList(), mean, low, high);
    }

    /**
     * The params with keys sorted, exactly (not rounded for print: two sampled learning rates that print
     * alike are still two configurations): trials with equal keys are seeds of one configuration.
     */
    static String key(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    public boolean found() {
        return best != null;
    }
}
