package dev.keel.sweep.sampler;

import dev.keel.sweep.data.Seeds;
import dev.keel.sweep.search.Axis;
import dev.keel.sweep.search.Observation;
import dev.keel.sweep.search.ParzenEstimator;
import dev.keel.sweep.search.StabilityForest;
import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.ChosenBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code method: bayes}: a tree-structured Parzen estimator (Bergstra et al. 2011, "Algorithms for
 * hyper-parameter optimization"), with Optuna's {@code TPESampler} as the reference for its choices, made
 * stability-aware.
 *
 * <ul>
 *   <li>The first {@link Settings#startupTrials} configurations (counted among the trials finished or running,
 *       and at least until one has finished) are random draws, the same ones {@code method: random} makes with
 *       the same seed. {@link Settings#forBudget} scales their number to the sweep's budget.</li>
 *   <li>Then the finished trials are split: the best {@link Settings#gamma} of them (at most
 *       {@link Settings#maxBelow}), among those that trained <em>stably</em>, are the good; every other trial
 *       is bad, and every oscillating, diverging, vanishing or failed trial is bad whatever its metric
 *       (unstable trials count as bad). With {@link Settings#constantLiar}, trials still running on other workers
 *       count as bad too, so parallel workers do not all ask for the same place.</li>
 *   <li>{@link Settings#candidates} candidates are drawn from the good trials' estimator l(x); the one with the
 *       largest expected improvement (from l and the bad trials' estimator g) times P(stable | x) is chosen, where
 *       P(stable | x) is a second model, of which configurations train stably ({@link StabilityForest}), as
 *       constrained TPE weighs candidates by their probability of feasibility: the search steers away from where
 *       training oscillates, diverges or vanishes.</li>
 *   <li>{@link Settings#multivariate}: one joint estimator over the knobs every trial has (Optuna's
 *       multivariate TPE); a knob that exists only for some values of another is modelled alone, on the trials
 *       where it existed. Otherwise every knob is modelled alone (Optuna's default).</li>
 * </ul>
 *
 * <p>It knows nothing beyond the space and the finished trials: no knob value is preferred before the data say
 * so. Its choices depend on (seed, index, the finished trials as a set, the running ones) only.
 */
public final class TpeSampler implements Sampler {

    /**
     * The sampler's settings, with Optuna's names.
     *
     * @param startupTrials n_startup_trials: random draws until this many trials have finished or are running
     *                      (Optuna: 10 finished; keel: at most 10, see {@link #forBudget})
     * @param gamma         the share of trials counted as good (Optuna's default_gamma: 0.1; keel: Hyperopt's 0.25,
     *                      since the good are counted among stable trials only and a handful of them near the edge
     *                      of stability drew l(x) over it)
     * @param maxBelow      at most this many good trials (Optuna's default_gamma caps at 25)
     * @param candidates    n_ei_candidates: draws from l(x) per choice (Optuna: 24; 64 was tried during
     *                      development: fewer unstable trials on synthetic landscapes, a worse best accuracy on one
     *                      of them, not adopted)
     * @param multivariate  one joint estimator instead of one per knob (Optuna's default: false; keel: true, since
     *                      the knobs that decide stability interact, e.g. optimiser × learning rate)
     * @param constantLiar  running trials count as bad (Optuna's default: false; keel: true, since
     *                      {@code --workers} defaults to every core)
     * @param stabilityModel weigh candidates by P(stable | x); false leaves plain TPE with unstable trials as bad
     * @param stabilityPower the exponent of P(stable | x) in the acquisition (1: constrained TPE's product; tried
     *                      above 1 during development, not adopted, docs/SEARCH.md)
     * @param stableCandidates the share of candidates drawn from an estimator over every stable trial instead of
     *                      l(x) (0; tried during development, not adopted)
     * @param unstableInG   unstable trials join the bad trials' estimator g(x) (true). False leaves them to the
     *                      stability model alone, so that the acquisition is P(stable) · P(among the best | stable)
     *                      without counting instability twice (tried on noisy-edge landscapes, 2026-12-03: no
     *                      change in trials to a target beyond the seeds' spread, more unstable trials; not adopted)
     * @param stabilityCap  a P(stable | x) at or above this costs nothing (1: every doubt costs). Below 1 the search
     *                      may walk up to the edge of stability, where the best accuracy often is (tried at 0.5 to 0.9
     *                      on noisy-edge landscapes: within the seeds' spread; not adopted)
     */
    public record Settings(int startupTrials, double gamma, int maxBelow, int candidates, boolean multivariate,
                           boolean constantLiar, boolean stabilityModel, double stabilityPower,
                           double stableCandidates, boolean unstableInG, double stabilityCap) {
        public static final Settings DEFAULT = new Settings(10, 0.25, 25, 24, true, true, true, 1, 0, true, 1);
        /** The fewest random draws before the model chooses, whatever the budget. */
        public static final int MIN_STARTUP_TRIALS = 5;

        public Settings {
            if (startupTrials < 1 || candidates < 1 || maxBelow < 1 || !(gamma > 0 && gamma <= 1)
                    || !(stabilityPower >= 0) || !(stableCandidates >= 0 && stableCandidates <= 1)
                    || !(stabilityCap > 0 && stabilityCap <= 1)) {
                throw new IllegalArgumentException("invalid TPE settings " + startupTrials + ", " + gamma + ", "
                        + maxBelow + ", " + candidates + ", " + stabilityPower + ", " + stableCandidates + ", "
                        + stabilityCap);
            }
        }

        public Settings withStartupTrials(int n) {
            return new Settings(n, gamma, maxBelow, candidates, multivariate, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withCandidates(int n) {
            return new Settings(startupTrials, gamma, maxBelow, n, multivariate, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withMultivariate(boolean on) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, on, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withConstantLiar(boolean on) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, on, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withStabilityModel(boolean on) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, constantLiar, on,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withStabilityPower(double power) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, constantLiar,
                    stabilityModel, power, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withUnstableInG(boolean on) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, on, stabilityCap);
        }

        public Settings withStabilityCap(double cap) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, cap);
        }

        public Settings withGamma(double g) {
            return new Settings(startupTrials, g, maxBelow, candidates, multivariate, constantLiar, stabilityModel,
                    stabilityPower, stableCandidates, unstableInG, stabilityCap);
        }

        public Settings withStableCandidates(double share) {
            return new Settings(startupTrials, gamma, maxBelow, candidates, multivariate, constantLiar,
                    stabilityModel, stabilityPower, share, unstableInG, stabilityCap);
        }

        /**
         * These settings with the startup trials scaled to a sweep of {@code trials} configurations: a tenth of
         * the budget, as Optuna's 10 are of the 100 trials its defaults are made for, at least
         * {@link #MIN_STARTUP_TRIALS} and at most {@link #startupTrials}. A 40-trial sweep starts the model after 5
         * random draws instead of 10: the model's trials spend fewer where training is unstable than random ones
         * do, so on a small budget every random draw beyond the few the models need is a trial given away.
         */
        public Settings forBudget(int trials) {
            int scaled = Math.max(MIN_STARTUP_TRIALS, (int) Math.ceil(trials / 10.0));
            return withStartupTrials(Math.min(startupTrials, scaled));
        }

        /** Whether unstable trials go into g(x): without a stability model nothing else counts them as bad. */
        boolean unstableInBad() {
            return unstableInG || !stabilityModel;
        }

        /** How many of {@code n} trials count as good: ceil(gamma · n), at most {@link #maxBelow}. */
        int below(int n) {
            return Math.min((int) Math.ceil(gamma * n), maxBelow);
        }
    }

    private final List<Parameter> parameters;
    private final List<Axis> axes;
    private final long seed;
    private final Metric metric;
    private final Settings settings;
    private final RandomSampler startup;
    /** Coordinate groups modelled jointly, the knobs every trial has first. */
    private final List<int[]> groups = new ArrayList<>();

    public TpeSampler(List<Parameter> parameters, long seed, Metric metric, Settings settings) {
        this.parameters = List.copyOf(parameters);
        this.axes = this.parameters.stream().map(Axis::new).toList();
        this.seed = seed;
        this.metric = metric;
        this.settings = settings;
        this.startup = new RandomSampler(parameters, seed);
        List<Integer> always = new ArrayList<>();
        List<int[]> conditional = new ArrayList<>();
        for (int d = 0; d < axes.size(); d++) {
            if (axes.get(d).parameter() instanceof Conditional) {
                conditional.add(new int[] {d});
            } else if (settings.multivariate()) {
                always.add(d);
            } else {
                groups.add(new int[] {d});
            }
        }
        if (!always.isEmpty()) {
            groups.add(0, always.stream().mapToInt(Integer::intValue).toArray());
        }
        groups.addAll(conditional);
    }

    @Override
    public int configurations(int requested) {
        return requested;
    }

    @Override
    public Suggestion sample(int index, SearchHistory history) {
        // The startup draws count every configuration handed out, running ones too: with two workers the model
        // chooses the sixth of a 5-draw start (it sees four finished and one running), not the seventh.
        int asked = history.finished().size() + history.running().size();
        if (asked < settings.startupTrials() || history.finished().isEmpty() || axes.isEmpty()) {
            return new Suggestion(startup.sample(index, history).values(), ChosenBy.STARTUP);
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, Seeds.TPE_STREAM, index, 0));
        Split split = split(history);
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (int[] group : groups) {
            if (group.length == 1 && !axes.get(group[0]).activeFor(chosen)) {
                continue;
            }
            double[] x = choose(group, split, random);
            for (int i = 0; i < group.length; i++) {
                chosen.put(axes.get(group[i]).knob(), axes.get(group[i]).value(x[i]));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.knob(), chosen.get(p.knob()));
        }
        return new Suggestion(Conditional.resolve(values, parameters), ChosenBy.MODEL);
    }

    /**
     * The finished (and, with the constant liar, running) trials as coordinates: the good ({@code below}), the
     * rest ({@code above}), and the stable and unstable finished ones for the stability model.
     *
     * @param gamma the share of good trials among all, at least one trial's worth
     */
    private record Split(List<double[]> below, List<double[]> above, List<double[]> stable, List<double[]> unstable,
                         double gamma) {
    }

    private Split split(SearchHistory history) {
        List<Observation> ranked = new ArrayList<>(Observation.of(axes, history.finished(), metric));
        ranked.sort(Observation.ranking(metric));
        List<double[]> running = new ArrayList<>();
        if (settings.constantLiar()) {
            history.running().forEach(r -> running.add(Observation.coordinates(axes, r)));
        }
        int n = (settings.unstableInBad() ? ranked.size()
                : (int) ranked.stream().filter(Observation::stable).count()) + running.size();
        int good = (int) ranked.stream().filter(Observation::rankable).count();
        int nBelow = Math.min(settings.below(n), good);
        List<double[]> below = new ArrayList<>();
        List<double[]> above = new ArrayList<>(running);
        List<double[]> stable = new ArrayList<>();
        List<double[]> unstable = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Observation o = ranked.get(i);
            if (i < nBelow) {
                below.add(o.x());
            } else if (o.stable() || settings.unstableInBad()) {
                above.add(o.x());
            }
            (o.stable() ? stable : unstable).add(o.x());
        }
        return new Split(below, above, stable, unstable, Math.max(1, nBelow) / (double) Math.max(1, n));
    }

    /**
     * Of candidates drawn from l(x), the one with the largest log EI(x) + log P(stable | x). TPE's expected
     * improvement is proportional to (γ + (1 − γ) g(x) / l(x))⁻¹ (Bergstra et al. 2011, eq. 4), and weighing it by the
     * probability of feasibility is constrained TPE's acquisition (Watanabe and Hutter 2023): an improvement is only
     * worth as much as the chance that the configuration trains stably. (Plain TPE ranks by l/g, which orders
     * candidates the same when nothing else is weighed.)
     */
    private double[] choose(int[] group, Split split, SplittableRandom random) {
        int[] choices = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            choices[i] = axes.get(group[i]).choices();
        }
        boolean joint = settings.multivariate() && !(axes.get(group[0]).parameter() instanceof Conditional);
        ParzenEstimator l = ParzenEstimator.fit(choices, on(group, split.below()), joint);
        ParzenEstimator g = ParzenEstimator.fit(choices, on(group, split.above()), joint);
        StabilityForest forest = null;
        ParzenEstimator s = null;
        if (settings.stableCandidates() > 0 && !on(group, split.stable()).isEmpty()) {
            s = ParzenEstimator.fit(choices, on(group, split.stable()), joint);
        }
        if (settings.stabilityModel()) {
            List<double[]> stable = on(group, split.stable());
            List<double[]> unstable = on(group, split.unstable());
            List<double[]> x = new ArrayList<>(stable);
            x.addAll(unstable);
            List<Boolean> y = new ArrayList<>(Collections.nCopies(stable.size(), true));
            y.addAll(Collections.nCopies(unstable.size(), false));
            forest = StabilityForest.fit(choices, x, y, random.nextLong());
        }
        double logGamma = Math.log(split.gamma());
        double logRest = Math.log1p(-Math.min(split.gamma(), 1 - 1e-9));
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < settings.candidates(); c++) {
            double[] x = s != null && c >= Math.round(settings.candidates() * (1 - settings.stableCandidates())) ? s.sample(random)
                    : l.sample(random);
            double score = -logSumExp(logGamma, logRest + g.logPdf(x) - l.logPdf(x));
            if (forest != null) {
                score += settings.stabilityPower() * Math.min(0, Math.log(Math.max(StabilityForest.FLOOR,
                        forest.probability(x)) / settings.stabilityCap()));
            }
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    private static double logSumExp(double a, double b) {
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    /** The observations that have every coordinate of the group, projected onto it. */
    private static List<double[]> on(int[] group, List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (double[] x : points) {
            double[] p = new double[group.length];
            boolean covered = true;
            for (int i = 0; i < group.length; i++) {
                p[i] = x[group[i]];
                covered &= !Double.isNaN(p[i]);
            }
            if (covered) {
                out.add(p);
            }
        }
        return out;
    }
}
