package dev.keel.sweep.sampler;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Synthetic stability landscapes over the benchmark's six knobs (activation, initialiser, optimiser, learning rate
 * up to 10, batch size, depth), drawn at random from a seed so that a sampler is developed on a family of
 * landscapes rather than on one: each optimiser's largest stable rate is drawn within a decade of a textbook
 * figure, smaller batches and deeper networks lower it, one activation (drawn) vanishes in deep networks with
 * plain gradient descent, one initialiser (drawn) fails deep networks, and accuracy is best just below the limit.
 * The outcomes stand for what training would say; no real dataset's figures went into them.
 */
final class SixKnobLandscapes {
    private SixKnobLandscapes() {
    }

    static List<Parameter> space() {
        return List.of(
                new Choice("activation", List.of("relu", "tanh", "sigmoid", "elu")),
                new Choice("weight_init", List.of("xavier", "he", "normal")),
                new Choice("optimizer", List.of("sgd", "momentum", "adam", "rmsprop")),
                new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 10, null),
                new Choice("batch_size", List.of(8, 32, 128)),
                new Distribution("depth", DistributionKind.INT_UNIFORM, 1, 8, null));
    }

    /**
     * What landscape {@code k} draws first: each optimiser's largest stable rate, how batch size and depth move it,
     * the activation that vanishes and the initialiser that fails in deep networks, the best activation and depth.
     * {@code r} goes on to draw what each family adds.
     */
    private record Draw(SplittableRandom r, Map<String, Double> limits, double batchExponent, double depthPenalty,
                        String vanishing, int vanishingDepth, String badInit, int badInitDepth,
                        String bestActivation, int bestDepth) {
        static Draw of(long k) {
            SplittableRandom r = new SplittableRandom(0x5EED_0000L + k);
            double shift = Math.pow(10, r.nextDouble(-1, 1));
            Map<String, Double> limits = Map.of("sgd", 0.3 * shift * Math.pow(10, r.nextDouble(-0.5, 0.5)),
                    "momentum", 0.03 * shift * Math.pow(10, r.nextDouble(-0.5, 0.5)),
                    "adam", 3e-3 * shift * Math.pow(10, r.nextDouble(-0.5, 0.5)),
                    "rmsprop", 1e-3 * shift * Math.pow(10, r.nextDouble(-0.5, 0.5)));
            double batchExponent = r.nextDouble(0.2, 0.8);
            double depthPenalty = r.nextDouble(0.05, 0.4);
            String vanishing = List.of("sigmoid", "tanh").get(r.nextInt(2));
            int vanishingDepth = 3 + r.nextInt(4);
            String badInit = List.of("normal", "xavier").get(r.nextInt(2));
            int badInitDepth = 4 + r.nextInt(4);
            String bestActivation = List.of("relu", "tanh", "elu").get(r.nextInt(3));
            int bestDepth = 1 + r.nextInt(4);
            return new Draw(r, limits, batchExponent, depthPenalty, vanishing, vanishingDepth, badInit, badInitDepth,
                    bestActivation, bestDepth);
        }

        /** The largest stable rate of configuration {@code c}. */
        double limit(Map<String, Object> c) {
            return limits.get((String) c.get("optimizer")) * Math.pow((int) c.get("batch_size") / 32.0, batchExponent)
                    / (1 + depthPenalty * ((int) c.get("depth") - 1));
        }

        /** Whether configuration {@code c} vanishes whatever its rate: its activation or its initialiser. */
        boolean vanishes(Map<String, Object> c) {
            int depth = (int) c.get("depth");
            String optimizer = (String) c.get("optimizer");
            return c.get("activation").equals(vanishing) && depth >= vanishingDepth
                    && (optimizer.equals("sgd") || optimizer.equals("momentum"))
                    || c.get("weight_init").equals(badInit) && depth >= badInitDepth;
        }

        /** {@code accuracy} less what configuration {@code c}'s depth and activation cost it. */
        double lessShortfall(double accuracy, Map<String, Object> c) {
            return accuracy - 0.004 * Math.abs((int) c.get("depth") - bestDepth)
                    - (c.get("activation").equals(bestActivation) ? 0 : 0.01);
        }
    }

    /** Landscape number {@code k}. */
    static Function<Map<String, Object>, SyntheticSweep.Result> landscape(long k) {
        Draw d = Draw.of(k);
        double slope = d.r().nextDouble(0.02, 0.08);
        long noiseSeed = d.r().nextLong();
        return c -> {
            double lr = (double) c.get("learning_rate");
            double limit = d.limit(c);
            if (lr > limit * 4) {
                return new SyntheticSweep.Result(Verdict.DIVERGING, 0.1);
            }
            if (lr > limit) {
                return new SyntheticSweep.Result(Verdict.OSCILLATING, 0.5);
            }
            if (d.vanishes(c)) {
                return new SyntheticSweep.Result(Verdict.VANISHING, 0.1);
            }
            double noise = new SplittableRandom(noiseSeed ^ c.hashCode()).nextDouble(-0.005, 0.005);
            double accuracy = d.lessShortfall(0.97 - slope * Math.log10(limit / lr), c) + noise;
            return new SyntheticSweep.Result(Verdict.STABLE, Math.max(0.1, accuracy));
        };
    }

    /**
     * Landscape {@code k} with an edge of stability that is a matter of chance, as real training's is: P(stable) falls
     * from 1 to 0 over about a decade of learning rate around the optimiser's limit, the mean accuracy is best at the
     * limit (where a trial trains stably half the time), and every trial's accuracy has its own seed's noise (standard
     * deviation 0.007). {@code runSeed} seeds the trials' luck.
     */
    static Function<Map<String, Object>, SyntheticSweep.Result> noisyLandscape(long k, long runSeed) {
        Draw d = Draw.of(k);
        double slope = d.r().nextDouble(0.01, 0.04);
        double width = d.r().nextDouble(0.1, 0.25);
        SplittableRandom luck = new SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + k);
        return c -> {
            double u = Math.log10((double) c.get("learning_rate") / d.limit(c));
            double z = luck.nextDouble();
            double gauss = luck.nextGaussian() * 0.007;
            if (z > 1 / (1 + Math.exp(u / width))) {
                return u > 0.6 ? new SyntheticSweep.Result(Verdict.DIVERGING, 0.1)
                        : new SyntheticSweep.Result(Verdict.OSCILLATING, 0.95 - 0.1 * Math.max(0, u) + gauss);
            }
            if (d.vanishes(c)) {
                return new SyntheticSweep.Result(Verdict.VANISHING, 0.1);
            }
            double accuracy = d.lessShortfall(0.975 - slope * Math.abs(u), c) + gauss;
            return new SyntheticSweep.Result(Verdict.STABLE, Math.min(1, Math.max(0.1, accuracy)));
        };
    }

    /**
     * A sweep on two workers: configuration i is asked when every earlier one but the last has finished, the
     * last still running (as the benchmark's {@code --workers 2}, in which each trial starts when one more has
     * finished).
     */
    static List<TrialRecord> runOnTwoWorkers(Sampler sampler, int trials,
                                             Function<Map<String, Object>, SyntheticSweep.Result> training) {
        List<TrialRecord> all = new ArrayList<>();
        List<Suggestion> asked = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            List<TrialRecord> finished = all.subList(0, Math.max(0, i - 1));
            List<Map<String, Object>> running = i == 0 ? List.of() : List.of(asked.get(i - 1).values());
            Suggestion s = sampler.sample(i, new SearchHistory(List.copyOf(finished), running));
            asked.add(s);
            all.add(SyntheticSweep.record(String.format("t%04d-r0", i), s.values(),
                    training.apply(s.values()), s.chosenBy()));
        }
        return all;
    }
}
