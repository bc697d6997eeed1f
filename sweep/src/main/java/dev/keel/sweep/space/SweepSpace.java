package dev.keel.sweep.space;

import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A search space, every key resolved (docs/DESIGN.md, Search spaces). {@code parameters} holds one entry per
 * knob: those the file names, in file order, then the rest at their defaults in {@link TrialConfig#KNOBS}
 * order. Read from YAML by {@link SpaceParser}; written to sweep.json by {@link #toResolvedMap()} and read
 * back, to the same space and the same plan, by {@link #fromResolvedMap(Map, String)}.
 *
 * @param trials      configurations to sample (random, sobol); grid runs its whole product instead
 * @param repeats     seeds per configuration
 * @param seed        the sweep's seed: fixes the plan, the trial seeds and the data split
 * @param traceEvery  per-layer statistics every this many steps ({@code training.trace_every})
 * @param maxSeconds  wall-clock budget per trial, or infinity ({@code training.max_seconds})
 * @param listed      {@code configurations}: knob maps to run exactly as listed, in order, instead of
 *                    sampling (e.g. the candidates {@code keel recommend} confirms); empty to sample
 */
public record SweepSpace(
        String name,
        String description,
        SearchMethod method,
        int trials,
        int repeats,
        long seed,
        DataSpec data,
        Metric metric,
        EarlyTermination earlyTerminate,
        List<Parameter> parameters,
        ModelType model,
        int traceEvery,
        double maxSeconds,
        List<Map<String, Object>> listed) {

    public static final int DEFAULT_TRIALS = 20;
    public static final int DEFAULT_REPEATS = 1;
    public static final long DEFAULT_SEED = 0;
    /** Trials × repeats beyond this is a typo, not a sweep: refuse it before allocating the plan. */
    public static final long MAX_PLANNED_TRIALS = 1_000_000;

    public SweepSpace {
        if (name == null || name.isBlank()) {
            throw new SpaceKeyException("name", "must not be empty");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(earlyTerminate, "early_terminate");
        Objects.requireNonNull(model, "model");
        if (trials < 1) {
            throw new SpaceKeyException("trials", "must be a whole number >= 1, was " + trials);
        }
        if (repeats < 1) {
            throw new SpaceKeyException("repeats", "must be a whole number >= 1, was " + repeats);
        }
        if (traceEvery < 1) {
            throw new SpaceKeyException("training.trace_every", "must be a whole number >= 1, was " + traceEvery);
        }
        if (!(maxSeconds > 0)) {
            throw new SpaceKeyException("training.max_seconds", "must be a number > 0, was " + maxSeconds);
        }
        listed = listed == null ? List.of() : listed.stream().map(SweepSpace::copy).toList();
        parameters = everyKnob(parameters == null ? List.of() : parameters);
        if (!listed.isEmpty()) {
            parameters = withListedChoices(parameters, listed);
        }
        if (!metric.appliesTo(data.task())) {
            throw new SpaceKeyException("metric.name", metric.name() + " is a " + metric.task().token()
                    + " metric, but data.task is " + data.task().token());
        }
        checkConditions(parameters);
        if (method == SearchMethod.GRID) {
            for (Parameter p : parameters) {
                if (p instanceof Conditional) {
                    throw new SpaceKeyException(KnobDomain.key(p.knob(), "when"), "grid runs every combination, and "
                            + "would run each one where " + p.knob() + " does not exist again; use method random, "
                            + "sobol or bayes");
                }
                if (!p.enumerable() && p instanceof Distribution d) {
                    throw new SpaceKeyException(KnobDomain.key(p.knob(), "distribution"), "grid cannot enumerate "
                            + d.kind().token() + "; list the points under 'values', or use method random or sobol");
                }
            }
        }
        long planned = (listed.isEmpty() ? configurations(method, trials, parameters) : listed.size()) * (long) repeats;
        if (planned > MAX_PLANNED_TRIALS) {
            throw new SpaceKeyException(method == SearchMethod.GRID ? "parameters" : "trials", "the plan would hold "
                    + planned + " trials; at most " + MAX_PLANNED_TRIALS);
        }
    }

    private static List<Parameter> everyKnob(List<Parameter> given) {
        Map<String, Parameter> byKnob = new LinkedHashMap<>();
        for (Parameter p : given) {
            if (byKnob.put(p.knob(), p) != null) {
                throw new SpaceKeyException(KnobDomain.key(p.knob(), ""), "appears twice");
            }
        }
        for (String knob : TrialConfig.KNOBS) {
            byKnob.computeIfAbsent(knob, FixedValue::defaultOf);
        }
        return List.copyOf(byKnob.values());
    }

    /** A conditional knob's parent must be a listed knob that varies, is not conditional and has the values named. */
    private static void checkConditions(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!(p instanceof Conditional c)) {
                continue;
            }
            Parameter parent = parameters.stream().filter(q -> q.knob().equals(c.parent())).findFirst().orElseThrow();
            String key = KnobDomain.key(c.knob(), "when." + c.parent());
            if (!(parent instanceof Choice choice)) {
                throw new SpaceKeyException(key, c.parent() + " must be varied with 'values' (not a fixed value, a "
                        + "distribution or a conditional knob) for " + c.knob() + " to depend on it");
            }
            for (Object v : c.when()) {
                if (!choice.values().contains(v)) {
                    throw new SpaceKeyException(key, "'" + Parameter.format(v) + "' is not one of the values of "
                            + c.parent() + " (" + String.join(", ", choice.values().stream().map(Parameter::format)
                            .toList()) + ")");
                }
            }
        }
    }

    /** Grid: the product of every parameter's points (saturating); random and sobol: {@code trials}. */
    private static long configurations(SearchMethod method, int trials, List<Parameter> parameters) {
        if (method != SearchMethod.GRID) {
            return trials;
        }
        long product = 1;
        for (Parameter p : parameters) {
            long n = p.count();
            product = n != 0 && product > Long.MAX_VALUE / n ? Long.MAX_VALUE : product * n;
        }
        return product;
    }

    /** How many configurations the plan holds: the listed ones, {@code trials}, or for grid its product. */
    public int configurations() {
        return listed.isEmpty() ? (int) configurations(method, trials, parameters) : listed.size();
    }

    /** A space that runs exactly these configurations, each {@code repeats} times, in order. */
    public SweepSpace withListed(List<Map<String, Object>> configurations) {
        return new SweepSpace(name, description, method, trials, repeats, seed, data, metric, earlyTerminate,
                parameters.stream().filter(p -> !p.varies()).toList(), model, traceEvery, maxSeconds, configurations);
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** Knobs whose listed values differ become choices of those values, so reports see what varied. */
    private static List<Parameter> withListedChoices(List<Parameter> parameters, List<Map<String, Object>> listed) {
        List<Parameter> out = new java.util.ArrayList<>();
        for (Parameter p : parameters) {
            java.util.LinkedHashSet<Object> values = new java.util.LinkedHashSet<>();
            for (Map<String, Object> c : listed) {
                values.add(c.containsKey(p.knob()) ? KnobDomain.canonical(p.knob(), c.get(p.knob()))
                        : p instanceof FixedValue f ? f.value() : null);
            }
            boolean differs = values.size() > 1 && !values.contains(null);
            out.add(differs ? Parameter.values(p.knob(), List.copyOf(values)) : p);
        }
        return out;
    }

    /** Lines trials.jsonl holds when the sweep is done: configurations × repeats. */
    public int plannedTrials() {
        return configurations() * repeats;
    }

    /** The parameters samplers draw, in space order (every entry but fixed values). */
    public List<Parameter> varied() {
        return parameters.stream().filter(Parameter::varies).toList();
    }

    public Parameter parameter(String knob) {
        return parameters.stream().filter(p -> p.knob().equals(knob)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + knob + "'"));
    }

    /** Every fixed value and the training settings; samplers fill in the varied knobs. */
    public TrialConfig baseConfig() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (p instanceof FixedValue f) {
                fixed.put(f.knob(), f.value());
            }
        }
        return TrialConfig.defaults().withTraining(model, traceEvery, maxSeconds).with(fixed);
    }

    /** The same space with {@code trials} replaced (the command line's {@code --trials}). */
    public SweepSpace withTrials(int trials) {
        return new SweepSpace(name, description, method, trials, repeats, seed, data, metric, earlyTerminate,
                parameters, model, traceEvery, maxSeconds, listed);
    }

    /** The same space with {@code seed} replaced (the command line's {@code --seed}). */
    public SweepSpace withSeed(long seed) {
        return new SweepSpace(name, description, method, trials, repeats, seed, data, metric, earlyTerminate,
                parameters, model, traceEvery, maxSeconds, listed);
    }

    /**
     * The space as YAML keys → values, every key present and defaults filled, for sweep.json's
     * {@code space}. Absent optional values are {@code null}; {@code max_seconds: null} means no budget.
     */
    public Map<String, Object> toResolvedMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("method", method.token());
        m.put("trials", trials);
        m.put("repeats", repeats);
        m.put("seed", seed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", data.source());
        d.put("target", data.target());
        d.put("task", data.task() == null ? null : data.task().token());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("train", data.train());
        split.put("validation", data.validation());
        split.put("test", data.test());
        d.put("split", split);
        d.put("stratify", data.stratify());
        m.put("data", d);
        m.put("metric", ordered("name", metric.name(), "goal", metric.goal().token()));
        m.put("early_terminate", earlyTerminate.toSpec());
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            params.put(p.knob(), p.toSpec());
        }
        m.put("parameters", params);
        m.put("model", ordered("type", model.token()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("trace_every", traceEvery);
        training.put("max_seconds", Double.isInfinite(maxSeconds) ? null : maxSeconds);
        m.put("training", training);
        if (!listed.isEmpty()) {
            m.put("configurations", listed);
        }
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Rebuilds a space from {@link #toResolvedMap()} (as read back from sweep.json), with the same checks
     * as a YAML file; {@code origin} names the source in errors.
     */
    public static SweepSpace fromResolvedMap(Map<String, ?> map, String origin) {
        return SpaceParser.parse(map, origin);
    }
}
