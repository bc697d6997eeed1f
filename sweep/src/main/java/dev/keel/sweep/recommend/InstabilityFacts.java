package dev.keel.sweep.recommend;

import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plain sentences about where a sweep's runs failed, counted from its own verdicts: "sgd above
 * learning_rate 0.1 diverged in 7/8 runs", "sigmoid: 5/6 runs vanishing". They explain a recommendation
 * with this data's evidence rather than folklore.
 */
public final class InstabilityFacts {
    /** A statement needs at least this many runs behind it; fewer is an anecdote. */
    static final int MIN_RUNS = 3;
    /** A value is called unstable when at least this share of its runs failed to train stably. */
    static final double UNSTABLE_SHARE = 0.6;
    /** The step of a trial's first loss in its trace: before it, no update has been made. */
    static final long FIRST_STEP = 1;

    private InstabilityFacts() {
    }

    /** Up to {@code max} sentences, strongest evidence first. */
    public static List<String> describe(List<TrialRecord> trials, int max) {
        Optional<String> data = dataLikelyCause(trials);
        if (data.isPresent()) {
            // Facts about settings would only restate that every setting failed.
            return List.of(data.get());
        }
        List<Fact> facts = new ArrayList<>();
        facts.addAll(learningRateThresholds(trials));
        facts.addAll(categoricalValues(trials));
        facts.sort(Comparator.comparingDouble((Fact f) -> -f.weight));
        List<String> out = new ArrayList<>();
        for (Fact f : facts) {
            if (out.size() == max) {
                break;
            }
            out.add(f.sentence);
        }
        return out;
    }

    private record Fact(String sentence, double weight) {
    }

    /**
     * When every trial's loss was NaN or infinite at its first step, with settings that differ: the first loss is
     * computed before any update, so no learning rate, optimiser or schedule can be the cause; the data is (values
     * that overflow once scaled, or in 32-bit floats). A ±1e308 column once had keel advise a lower learning rate.
     *
     * @return the sentence that says so, or empty when some trial got past its first step
     */
    public static Optional<String> dataLikelyCause(List<TrialRecord> trials) {
        List<TrialRecord> ran = trials.stream().filter(InstabilityFacts::counted).toList();
        if (ran.size() < 2 || ran.stream().map(TrialRecord::params).distinct().count() < 2
                || !ran.stream().allMatch(InstabilityFacts::nonFiniteAtFirstStep)) {
            return Optional.empty();
        }
        return Optional.of("the data, most likely: every trial's loss was NaN or infinite at its first step whatever"
                + " its settings, before any update, so not the learning rate; look for values that overflow once"
                + " scaled or in 32-bit floats (the data: lines), else at the initial weights");
    }

    private static boolean nonFiniteAtFirstStep(TrialRecord t) {
        return t.findings().stream().anyMatch(f -> (f.rule() == Rule.NON_FINITE_LOSS
                || f.rule() == Rule.NON_FINITE_GRADIENT) && f.step() != null && f.step() <= FIRST_STEP);
    }

    private static boolean counted(TrialRecord t) {
        return t.status() != TrialStatus.FAILED && t.verdict() != null;
    }

    /** Per optimiser: the lowest learning rate above which most runs were not stable. */
    static List<Fact> learningRateThresholds(List<TrialRecord> trials) {
        Map<String, List<TrialRecord>> byOptimizer = new TreeMap<>();
        for (TrialRecord t : trials) {
            if (counted(t) && t.params().get("learning_rate") instanceof Number && t.params().get("optimizer") != null) {
                byOptimizer.computeIfAbsent(String.valueOf(t.params().get("optimizer")), k -> new ArrayList<>()).add(t);
            }
        }
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, List<TrialRecord>> e : byOptimizer.entrySet()) {
            List<TrialRecord> runs = new ArrayList<>(e.getValue());
            runs.sort(Comparator.comparingDouble(InstabilityFacts::lr));
            // The cut that best separates stable runs (below) from unstable ones (above): the most runs
            // on the "right" side of it. Ties keep the lowest cut, the more cautious statement.
            int bestCut = -1;
            long bestAgree = -1;
            for (int cut = 1; cut < runs.size(); cut++) {
                if (lr(runs.get(cut)) == lr(runs.get(cut - 1))) {
                    continue;
                }
                long agree = runs.subList(0, cut).stream().filter(t -> t.verdict() == Verdict.STABLE).count()
                        + runs.subList(cut, runs.size()).stream().filter(t -> t.verdict() != Verdict.STABLE).count();
                if (agree > bestAgree) {
                    bestAgree = agree;
                    bestCut = cut;
                }
            }
            if (bestCut < 0) {
                continue;
            }
            List<TrialRecord> above = runs.subList(bestCut, runs.size());
            long unstable = above.stream().filter(t -> t.verdict() != Verdict.STABLE).count();
            if (above.size() >= MIN_RUNS && unstable >= UNSTABLE_SHARE * above.size()) {
                String sentence = String.format(Locale.ROOT, "%s above learning_rate %s was %s",
                        e.getKey(), shortNumber(lr(runs.get(bestCut - 1))), outcome(above));
                facts.add(new Fact(sentence, unstable + 1));
            }
        }
        return facts;
    }

    /** Categorical knob values that were mostly unstable, or always stable, over enough runs. */
    static List<Fact> categoricalValues(List<TrialRecord> trials) {
        Map<String, Map<String, List<TrialRecord>>> byKnob = new LinkedHashMap<>();
        for (TrialRecord t : trials) {
            if (!counted(t)) {
                continue;
            }
            for (Map.Entry<String, Object> p : t.params().entrySet()) {
                if (p.getValue() instanceof Number || p.getValue() instanceof Map<?, ?>) {
                    continue;
                }
                byKnob.computeIfAbsent(p.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(String.valueOf(p.getValue()), k -> new ArrayList<>()).add(t);
            }
        }
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<TrialRecord>>> knob : byKnob.entrySet()) {
            if (knob.getValue().size() < 2) {
                continue;
            }
            List<String> alwaysStable = new ArrayList<>();
            int alwaysStableRuns = 0;
            for (Map.Entry<String, List<TrialRecord>> value : knob.getValue().entrySet()) {
                List<TrialRecord> runs = value.getValue();
                if (runs.size() < MIN_RUNS) {
                    continue;
                }
                long unstable = runs.stream().filter(t -> t.verdict() != Verdict.STABLE).count();
                if (unstable >= UNSTABLE_SHARE * runs.size()) {
                    facts.add(new Fact(String.format(Locale.ROOT, "%s %s was %s", knob.getKey(), value.getKey(),
                            outcome(runs)), unstable));
                } else if (unstable == 0) {
                    alwaysStable.add(value.getKey());
                    alwaysStableRuns += runs.size();
                }
            }
            if (!alwaysStable.isEmpty() && alwaysStable.size() < knob.getValue().size()) {
                facts.add(new Fact(String.format(Locale.ROOT, "%s %s: stable in all %d runs", knob.getKey(),
                        list(alwaysStable), alwaysStableRuns), alwaysStableRuns * 0.5));
            }
        }
        return facts;
    }

    /** "elu", "elu and gelu", "adam, momentum and sgd". */
    static String list(List<String> items) {
        return items.size() <= 2 ? String.join(" and ", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "diverging in 7/8 runs", or with mixed failures "unstable in 5/8 runs (3 diverging, 2 oscillating)". */
    static String outcome(List<TrialRecord> runs) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (TrialRecord t : runs) {
            if (t.verdict() != Verdict.STABLE) {
                counts.merge(t.verdict(), 1, Integer::sum);
            }
        }
        int unstable = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (counts.size() == 1) {
            return counts.keySet().iterator().next().token() + " in " + unstable + "/" + runs.size() + " runs";
        }
        return "unstable in " + unstable + "/" + runs.size() + " runs (" + counts.entrySet().stream()
                .sorted(Map.Entry.<Verdict, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey().token())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    private static double lr(TrialRecord t) {
        return ((Number) t.params().get("learning_rate")).doubleValue();
    }

    static String shortNumber(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
