package dev.keel.sweep.space;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;
import dev.keel.diagnose.Json;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.DataSpec;
import dev.keel.sweep.data.Task;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a search space from YAML (docs/DESIGN.md, Search spaces) and checks all of it before any training:
 * every error is a {@link BadInputException} with one line, {@code FILE:LINE: key 'K': what was expected}.
 */
public final class SpaceParser {
    static final List<String> TOP_KEYS = List.of("name", "description", "method", "trials", "repeats", "seed",
            "data", "metric", "early_terminate", "parameters", "model", "training", "configurations");
    private static final List<String> DATA_KEYS = List.of("source", "target", "task", "split", "stratify");
    private static final List<String> SPLIT_KEYS = List.of("train", "validation", "test");
    private static final List<String> SPEC_KEYS = List.of("value", "values", "distribution", "min", "max", "q", "when");
    private static final String SPEC_FORMS = "{value: V}, {values: [A, B]} or {distribution: D, min: A, max: B}";
    private static final String BUILTIN = "builtin:";
    private static final Pattern BUILTIN_NAME = Pattern.compile("[a-z0-9_]+");
    /** A space's name is shown on every summary and names the run folder (shortened there, see RunFolders). */
    static final int MAX_NAME = 256;

    private SpaceParser() {
    }

    /**
     * Parses a space file. A relative CSV {@code data.source} is looked up next to the file first, then in
     * the current folder, and is stored as an absolute path.
     */
    public static SweepSpace parse(Path file) {
        return parse(file, Path.of("").toAbsolutePath());
    }

    static SweepSpace parse(Path file, Path workingDir) {
        String text;
        try {
            text = InputFiles.readString(file, InputFiles.SPACE_LIMIT, "a space file (YAML)");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not a UTF-8 text file, expected a space file (YAML)", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the space file (" + describe(e) + ")", e);
        }
        YamlTree.Located tree = YamlTree.read(text, file.toString());
        Path folder = file.toAbsolutePath().getParent();
        return build(tree.root(), new SpaceNode.Origin(file.toString(), tree.lines()), defaultName(file), folder,
                workingDir);
    }

    /**
     * Parses a space from YAML text that is not a file of its own (e.g. a space shipped inside keel's jar);
     * {@code origin} names it in errors, and relative CSV paths resolve against the current folder.
     */
    public static SweepSpace parse(String yaml, String origin) {
        YamlTree.Located tree = YamlTree.read(yaml, origin);
        Path here = Path.of("").toAbsolutePath();
        return build(tree.root(), new SpaceNode.Origin(origin, tree.lines()), null, here, here);
    }

    /** Parses a space held as plain maps and lists ({@link SweepSpace#toResolvedMap()} read back). */
    public static SweepSpace parse(Map<String, ?> map, String origin) {
        JsonNode root = Json.mapper().valueToTree(map);
        return build(root, new SpaceNode.Origin(origin, Map.of()), null, null, Path.of("").toAbsolutePath());
    }

    private static SweepSpace build(JsonNode root, SpaceNode.Origin origin, String defaultName, Path folder,
                                    Path workingDir) {
        SpaceNode top = new SpaceNode(root, "", origin);
        if (top.absent()) {
            throw top.error("the space is empty; it needs at least data.source (builtin:NAME or a CSV path)");
        }
        top.fields(TOP_KEYS, "a mapping of " + String.join(", ", TOP_KEYS));
        String name = top.get("name").text(defaultName);
        if (name == null) {
            throw top.get("name").error("missing; name the space (it names the run folder)");
        }
        if (name.length() > MAX_NAME) {
            throw top.get("name").error("a name of " + name.length() + " characters; at most " + MAX_NAME);
        }
        try {
            return new SweepSpace(
                    name,
                    top.get("description").text(""),
                    top.get("method").token(SearchMethod::fromToken, SearchMethod.RANDOM),
                    top.get("trials").integer(SweepSpace.DEFAULT_TRIALS, 1),
                    top.get("repeats").integer(SweepSpace.DEFAULT_REPEATS, 1),
                    top.get("seed").whole(SweepSpace.DEFAULT_SEED, Long.MIN_VALUE),
                    data(top.get("data"), folder, workingDir),
                    metric(top.get("metric")),
                    earlyTermination(top.get("early_terminate")),
                    parameters(top.get("parameters")),
                    model(top.get("model")),
                    top.get("training").absent() ? TrialConfig.DEFAULT_TRACE_EVERY : traceEvery(top.get("training")),
                    top.get("training").absent() ? TrialConfig.NO_TIME_LIMIT : maxSeconds(top.get("training")),
                    listed(top.get("configurations")));
        } catch (SpaceKeyException e) {
            throw top.error(e);
        }
    }

    private static DataSpec data(SpaceNode node, Path folder, Path workingDir) {
        if (node.absent()) {
            throw node.error("missing; a space needs data.source: builtin:NAME or a path to a CSV file");
        }
        node.fields(DATA_KEYS, "a mapping with source, target, task, split, stratify");
        SpaceNode sourceNode = node.get("source");
        String source = sourceNode.text(null);
        if (source == null || source.isBlank()) {
            throw sourceNode.error("missing; expected builtin:NAME or a path to a CSV file");
        }
        source = resolveSource(sourceNode, source.strip(), folder, workingDir);
        SpaceNode split = node.get("split");
        double train = 0.7;
        double validation = 0.15;
        double test = 0.15;
        if (!split.absent()) {
            split.fields(SPLIT_KEYS, "a mapping {train: 0.7, validation: 0.15, test: 0.15}");
            train = split.get("train").number(train);
            validation = split.get("validation").number(validation);
            test = split.get("test").number(test);
        }
        Task task = node.get("task").token(Task::fromToken, null);
        try {
            return new DataSpec(source, node.get("target").text(null), task, train, validation, test,
                    node.get("stratify").bool(true));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("data.split ") ? e.getMessage().substring(11) : e.getMessage();
            throw split.error(message);
        }
    }

    private static String resolveSource(SpaceNode node, String source, Path folder, Path workingDir) {
        if (source.startsWith(BUILTIN)) {
            String dataset = source.substring(BUILTIN.length());
            if (!BUILTIN_NAME.matcher(dataset).matches()) {
                throw node.error("'" + source + "' is not builtin:NAME (a lower-case name such as builtin:digits)");
            }
            if (!DataLoader.builtinNames().contains(dataset)) {
                throw node.error("'" + source + "' is not a built-in dataset; expected one of builtin:"
                        + String.join(", builtin:", DataLoader.builtinNames()));
            }
            return source;
        }
        Path path;
        try {
            path = Path.of(source);
        } catch (InvalidPathException e) {
            throw node.error("'" + source + "' is not a valid file path");
        }
        List<Path> tried = new ArrayList<>();
        if (path.isAbsolute()) {
            tried.add(path);
        } else {
            if (folder != null) {
                tried.add(folder.resolve(path));
            }
            tried.add(workingDir.resolve(path));
        }
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize().toString();
            }
        }
        for (Path candidate : tried) {
            String kind = InputFiles.kind(candidate);
            if (kind != null) {
                throw node.error("'" + source + "' is " + kind + " (" + candidate.toAbsolutePath().normalize()
                        + "), not a regular file; expected builtin:NAME or a path to a CSV file");
            }
        }
        throw node.error("no CSV file '" + source + "' (looked for " + String.join(" and ",
                tried.stream().map(p -> p.toAbsolutePath().normalize().toString()).distinct().toList())
                + "); expected builtin:NAME or a path to a CSV file");
    }

    private static Metric metric(SpaceNode node) {
        if (node.absent()) {
            return Metric.DEFAULT;
        }
        node.fields(List.of("name", "goal"), "a mapping {name: val_loss, goal: minimize}");
        SpaceNode nameNode = node.get("name");
        String name = nameNode.text(Metric.DEFAULT.name());
        if (!Metric.NAMES.contains(name)) {
            throw nameNode.error("'" + name + "' is not one of " + String.join(", ", Metric.NAMES));
        }
        Metric.Goal goal = node.get("goal").token(Metric.Goal::fromToken, Metric.named(name).goal());
        return new Metric(name, goal);
    }

    private static EarlyTermination earlyTermination(SpaceNode node) {
        if (node.absent()) {
            return EarlyTermination.DIVERGENCE;
        }
        node.fields(List.of("type", "min_iter", "eta"), "a mapping {type: divergence}, {type: median}, "
                + "{type: hyperband, min_iter: M, eta: E} or {type: none}");
        EarlyTermination type = node.get("type").token(EarlyTermination::fromToken, EarlyTermination.DIVERGENCE);
        if (type.type() != EarlyTermination.Type.HYPERBAND) {
            for (String key : List.of("min_iter", "eta")) {
                if (!node.get(key).absent()) {
                    throw node.get(key).error(key + " goes with type: hyperband, not " + type.token());
                }
            }
            return type;
        }
        return EarlyTermination.hyperband(node.get("min_iter").integer(EarlyTermination.DEFAULT_MIN_ITER, 1),
                node.get("eta").integer(EarlyTermination.DEFAULT_ETA, 2));
    }

    private static ModelType model(SpaceNode node) {
        if (node.absent()) {
            return ModelType.MLP;
        }
        node.fields(List.of("type"), "a mapping {type: mlp} or {type: cnn}");
        return node.get("type").token(ModelType::fromToken, ModelType.MLP);
    }

    private static int traceEvery(SpaceNode training) {
        training.fields(List.of("trace_every", "max_seconds"), "a mapping {trace_every: N, max_seconds: S}");
        return training.get("trace_every").integer(TrialConfig.DEFAULT_TRACE_EVERY, 1);
    }

    private static double maxSeconds(SpaceNode training) {
        SpaceNode node = training.get("max_seconds");
        if (node.absent() || "none".equalsIgnoreCase(node.text(""))) {
            return TrialConfig.NO_TIME_LIMIT;
        }
        double seconds = node.number(0);
        if (!(seconds > 0)) {
            throw node.error("expected a number of seconds > 0 (or none), got " + seconds);
        }
        return seconds;
    }

    /** {@code configurations}: a list of knob maps, each checked as a trial would resolve it. */
    private static List<Map<String, Object>> listed(SpaceNode node) {
        if (node.absent()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SpaceNode item : node.items("a list of configurations, each a mapping from knob to value")) {
            Map<String, Object> config = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, SpaceNode> e : item.fields(null, "a mapping from knob to value").entrySet()) {
                if (!KnobDomain.isKnob(e.getKey())) {
                    throw e.getValue().unknownKey(TrialConfig.KNOBS);
                }
                Object value = e.getValue().plain();
                try {
                    TrialConfig.defaults().with(Map.of(e.getKey(), value));
                } catch (IllegalArgumentException ex) {
                    String message = ex.getMessage();
                    throw e.getValue().error(message.startsWith(e.getKey() + ": ")
                            ? message.substring(e.getKey().length() + 2) : message);
                }
                config.put(e.getKey(), value);
            }
            out.add(config);
        }
        if (out.isEmpty()) {
            throw node.error("expected at least one configuration");
        }
        return out;
    }

    private static List<Parameter> parameters(SpaceNode node) {
        if (node.absent()) {
            return List.of();
        }
        List<Parameter> parameters = new ArrayList<>();
        for (Map.Entry<String, SpaceNode> e : node.fields(null, "a mapping from knob to " + SPEC_FORMS).entrySet()) {
            String knob = e.getKey();
            SpaceNode spec = e.getValue();
            if (!KnobDomain.isKnob(knob)) {
                throw spec.unknownKey(TrialConfig.KNOBS);
            }
            parameters.add(parameter(knob, spec));
        }
        return parameters;
    }

    /** A parameter, wrapped in a {@link Conditional} when it has {@code when: {parent: [values]}}. */
    private static Parameter parameter(String knob, SpaceNode spec) {
        Parameter p = unconditional(knob, spec);
        SpaceNode when = spec.get("when");
        if (when.absent()) {
            return p;
        }
        Map<String, SpaceNode> parents = when.fields(null, "a mapping {knob: [values]}, e.g. {optimizer: [adamw]}");
        if (parents.size() != 1) {
            throw when.error("expected one knob this one depends on, e.g. {optimizer: [adamw]}; got "
                    + parents.size());
        }
        Map.Entry<String, SpaceNode> parent = parents.entrySet().iterator().next();
        if (!KnobDomain.isKnob(parent.getKey())) {
            throw parent.getValue().unknownKey(TrialConfig.KNOBS);
        }
        Object values = parent.getValue().plain();
        List<Object> listed = new ArrayList<>();
        if (values instanceof List<?> l) {
            listed.addAll(l);
        } else if (values != null) {
            listed.add(values);
        }
        return new Conditional(p, parent.getKey(), listed);
    }

    private static Parameter unconditional(String knob, SpaceNode spec) {
        if (spec.absent()) {
            throw spec.error("expected " + SPEC_FORMS + ", got nothing");
        }
        Object plain = spec.plain();
        if (plain instanceof List<?>) {
            throw spec.error("expected {values: " + Parameter.format(plain) + "}, got a bare list");
        }
        if (!(plain instanceof Map<?, ?>)) {
            throw spec.error("expected {value: " + Parameter.format(plain) + "} (or {values: [A, B]} or a distribution), got '"
                    + Parameter.format(plain) + "'");
        }
        spec.fields(SPEC_KEYS, SPEC_FORMS);
        List<String> given = new ArrayList<>();
        for (String form : List.of("value", "values", "distribution")) {
            if (!spec.get(form).absent()) {
                given.add(form);
            }
        }
        if (given.size() != 1) {
            throw spec.error(given.isEmpty() ? "needs one of value, values or distribution"
                    : "give only one of value, values or distribution, not " + String.join(" and ", given));
        }
        if (!given.get(0).equals("distribution")) {
            for (String bound : List.of("min", "max", "q")) {
                if (!spec.get(bound).absent()) {
                    throw spec.get(bound).error(bound + " goes with distribution, not with " + given.get(0));
                }
            }
        }
        switch (given.get(0)) {
            case "value":
                return new FixedValue(knob, spec.get("value").plain());
            case "values": {
                List<Object> values = new ArrayList<>();
                for (SpaceNode item : spec.get("values").items("a list of values, e.g. [a, b]")) {
                    values.add(item.plain());
                }
                return new Choice(knob, values);
            }
            default: {
                DistributionKind kind = spec.get("distribution").token(DistributionKind::fromToken, null);
                for (String bound : List.of("min", "max")) {
                    if (spec.get(bound).absent()) {
                        throw spec.error(kind.token() + " needs min and max");
                    }
                }
                SpaceNode q = spec.get("q");
                return new Distribution(knob, kind, spec.get("min").number(0), spec.get("max").number(0),
                        q.absent() ? null : q.number(0));
            }
        }
    }

    private static String defaultName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.replaceFirst("\\.(ya?ml)$", "");
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
