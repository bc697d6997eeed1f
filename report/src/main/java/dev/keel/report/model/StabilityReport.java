package dev.keel.report.model;

import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the stability report shows, as data: built from a result store, drawn by the html package.
 *
 * @param header         the sweep
 * @param summary        outcome counts
 * @param recommendation the recommended defaults
 * @param maps           stability maps and the largest stable learning rates
 * @param effects        per-knob effects, the most telling knob first
 * @param search         what mattered, and what a sampler that learns did
 * @param curves         loss curves of the best stable runs and of one failure of each kind
 * @param gradients      per-layer gradient norms of a vanishing and a stable run
 * @param columns        the varied knobs, in the trial table's column order
 * @param rows           the trial table, stable and best first
 * @param details        one section per trial, in the table's order
 * @param notes          caveats a reader should know (incomplete sweep, missing traces, missing metric)
 */
public record StabilityReport(Header header, VerdictSummary summary, Recommendation recommendation,
                              StabilityMaps maps, List<KnobEffect> effects, SearchView search, LossCurves curves,
                              GradientView gradients, List<Knob> columns, List<TrialRow> rows,
                              List<TrialDetail> details, List<String> notes) {

    /** More overlaid curves than this stop being readable. */
    static final int TOP_STABLE_CURVES = 8;
    /** Points per curve in the main charts: more than a 900-pixel chart can show apart. */
    static final int CHART_POINTS = 400;
    /** Points per curve in a trial's own small chart. */
    static final int DETAIL_POINTS = 150;
    /** How many runs to try for one with gradient columns before giving up on the gradient view. */
    static final int GRADIENT_CANDIDATES = 10;

    public StabilityReport {
        effects = List.copyOf(effects);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        details = List.copyOf(details);
        notes = List.copyOf(notes);
    }

    public static StabilityReport of(ResultStore store) {
        return of(SweepResults.of(store), TraceLibrary.of(store));
    }

    /**
     * Reads a result folder without changing it (see {@link SweepResults#read}), or a folder of training logs (see
     * {@link LogFolder}), and builds its report.
     */
    public static StabilityReport read(Path resultDir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(resultDir.resolve(ResultStore.MANIFEST)) && LogFolder.holdsLogs(resultDir)) {
            return LogFolder.read(resultDir).report();
        }
        return of(SweepResults.read(resultDir), TraceLibrary.in(resultDir));
    }

    public static StabilityReport of(SweepResults sweep, TraceLibrary traces) {
        Metric objective = sweep.objective();
        List<Knob> columns = sweep.varied();
        Map<String, String> anchors = anchors(sweep.trials());

        List<TrialRecord> ordered = new ArrayList<>(sweep.trials());
        ordered.sort(tableOrder(objective));
        traces.keep(exampleCandidates(sweep, ordered));
        // Every trace is read once, in parallel (a report of 1,000 trials reads 1,000 files); the few the
        // examples below draw again are kept from this pass.
        List<TraceCurves> detailCurves = ordered.parallelStream()
                .map(t -> traces.read(t.id()).map(tr -> TraceCurves.of(tr, DETAIL_POINTS, false)).orElse(null))
                .toList();
        List<TrialRow> rows = new ArrayList<>();
        List<TrialDetail> details = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            TrialRecord t = ordered.get(i);
            TrialRow row = TrialRow.of(t, anchors.get(t.id()), columns, objective);
            rows.add(row);
            details.add(detail(t, row, sweep, detailCurves.get(i)));
        }

        LossCurves curves = new LossCurves(topStable(sweep, traces, anchors), failures(sweep, traces, anchors));
        GradientView gradients = gradients(sweep, traces, anchors);
        List<String> notes = notes(sweep);
        notes.addAll(sweep.problems());
        notes.addAll(traces.problems());
        return new StabilityReport(Header.of(sweep), VerdictSummary.of(sweep.trials()), Recommendation.of(sweep),
                StabilityMaps.of(sweep), KnobEffect.of(sweep), SearchView.of(sweep), curves, gradients, columns, rows,
                details, notes);
    }

    /** Stable first, then by outcome; within an outcome the best objective first; then by id. */
    static Comparator<TrialRecord> tableOrder(Metric objective) {
        return Comparator.comparing((TrialRecord t) -> Outcome.of(t))
                .thenComparing(t -> t.metric(objective.name()), objective.goal().bestFirst())
                .thenComparing(TrialRecord::id);
    }

    /**
     * The trials whose traces the examples may draw: the best stable ones, and the most confident of each
     * failure (as many as {@link #gradientPanel} may try), a bounded number whatever the sweep's size.
     */
    private static List<String> exampleCandidates(SweepResults sweep, List<TrialRecord> tableOrder) {
        List<String> ids = new ArrayList<>();
        tableOrder.stream().filter(t -> Outcome.of(t) == Outcome.STABLE)
                .limit(Math.max(TOP_STABLE_CURVES, GRADIENT_CANDIDATES)).forEach(t -> ids.add(t.id()));
        for (Outcome o : List.of(Outcome.OSCILLATING, Outcome.DIVERGING, Outcome.VANISHING)) {
            byConfidence(sweep, o).stream().limit(GRADIENT_CANDIDATES).forEach(t -> ids.add(t.id()));
        }
        return ids;
    }

    /** Page ids for trials: {@code trial-} and the id with anything but letters, digits, - and _ replaced. */
    static Map<String, String> anchors(List<TrialRecord> trials) {
        Map<String, String> anchors = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (TrialRecord t : trials) {
            String base = "trial-" + t.id().replaceAll("[^A-Za-z0-9_-]", "_");
            String anchor = base;
            for (int i = 2; !used.add(anchor); i++) {
                anchor = base + "-" + i;
            }
            anchors.put(t.id(), anchor);
        }
        return anchors;
    }

    private static TrialDetail detail(TrialRecord t, TrialRow row, SweepResults sweep, TraceCurves curves) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Knob k : sweep.knobs()) {
            if (t.params().containsKey(k.name())) {
                params.put(k.name(), k.label(t.params().get(k.name())));
            }
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        t.metrics().forEach((name, v) -> metrics.put(name, v == null ? "non-finite" : Format.number(v)));
        List<FindingText> findings = t.findings().stream().map(FindingText::of).toList();
        return new TrialDetail(row, t.seed(), params, metrics, t.firstDetectedStep(), findings, curves, t.error());
    }

    private static List<Example> topStable(SweepResults sweep, TraceLibrary traces, Map<String, String> anchors) {
        Metric objective = sweep.objective();
        List<TrialRecord> stable = sweep.trials().stream()
                .filter(t -> Outcome.of(t) == Outcome.STABLE && traces.exists(t.id()))
                .sorted(tableOrder(objective)).toList();
        List<Example> examples = new ArrayList<>();
        for (TrialRecord t : stable) {
            if (examples.size() == TOP_STABLE_CURVES) {
                break;
            }
            traces.read(t.id()).ifPresent(tr -> examples.add(example(sweep, t, tr, anchors, false)));
        }
        return examples;
    }

    private static List<Example> failures(SweepResults sweep, TraceLibrary traces, Map<String, String> anchors) {
        List<Example> examples = new ArrayList<>();
        for (Outcome o : List.of(Outcome.OSCILLATING, Outcome.DIVERGING, Outcome.VANISHING)) {
            for (TrialRecord t : byConfidence(sweep, o)) {
                Optional<Trace> trace = traces.read(t.id());
                if (trace.isPresent()) {
                    examples.add(example(sweep, t, trace.get(), anchors, false));
                    break;
                }
            }
        }
        return examples;
    }

    private static GradientView gradients(SweepResults sweep, TraceLibrary traces, Map<String, String> anchors) {
        List<GradientView.Panel> panels = new ArrayList<>();
        List<TrialRecord> failing = new ArrayList<>(byConfidence(sweep, Outcome.VANISHING));
        if (failing.isEmpty()) {
            failing.addAll(byConfidence(sweep, Outcome.DIVERGING));
            failing.addAll(byConfidence(sweep, Outcome.OSCILLATING));
        }
        gradientPanel(sweep, traces, anchors, failing).ifPresent(panels::add);
        List<TrialRecord> stable = sweep.trials().stream().filter(t -> Outcome.of(t) == Outcome.STABLE)
                .sorted(tableOrder(sweep.objective())).toList();
        gradientPanel(sweep, traces, anchors, stable).ifPresent(panels::add);
        return new GradientView(panels);
    }

    private static Optional<GradientView.Panel> gradientPanel(SweepResults sweep, TraceLibrary traces,
                                                              Map<String, String> anchors, List<TrialRecord> candidates) {
        int tried = 0;
        for (TrialRecord t : candidates) {
            if (tried == GRADIENT_CANDIDATES) {
                break;
            }
            Optional<Trace> trace = traces.read(t.id());
            if (trace.isEmpty()) {
                continue;
            }
            tried++;
            Example e = example(sweep, t, trace.get(), anchors, true);
            List<Curve> positive = e.curves().gradNorms().stream().map(StabilityReport::positive)
                    .filter(c -> !c.isEmpty()).toList();
            if (!positive.isEmpty()) {
                return Optional.of(new GradientView.Panel(e, positive));
            }
        }
        return Optional.empty();
    }

    private static Curve positive(Curve c) {
        int n = 0;
        for (double v : c.y()) {
            n += v > 0 ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.y()[i] > 0) {
                x[k] = c.x()[i];
                y[k++] = c.y()[i];
            }
        }
        return new Curve(c.label(), x, y);
    }

    /** Trials with this outcome that did not fail, the most confident first, ties by id. */
    private static List<TrialRecord> byConfidence(SweepResults sweep, Outcome outcome) {
        return sweep.trials().stream()
                .filter(t -> t.status() != TrialStatus.FAILED && Outcome.of(t) == outcome)
                .sorted(Comparator.comparingDouble((TrialRecord t) -> t.confidence() == null ? 0 : -t.confidence())
                        .thenComparing(TrialRecord::id))
                .toList();
    }

    private static Example example(SweepResults sweep, TrialRecord t, Trace trace, Map<String, String> anchors,
                                   boolean withGradients) {
        Outcome outcome = Outcome.of(t);
        String metricName = sweep.objective().name();
        double metric = t.metric(metricName);
        String label = t.id() + (Double.isNaN(metric) ? "" : " · " + metricName + " " + Format.number(metric));
        TraceCurves curves = TraceCurves.of(trace, CHART_POINTS, withGradients);
        StringBuilder caption = new StringBuilder(t.id());
        String settings = settings(sweep, t);
        if (!settings.isEmpty()) {
            caption.append(" (").append(settings).append(')');
        }
        if (outcome != Outcome.STABLE) {
            caption.append(": ").append(outcome.token());
            if (t.firstDetectedStep() != null) {
                caption.append(", detected at step ").append(t.firstDetectedStep());
            }
            if (!t.findings().isEmpty()) {
                caption.append(". ").append(t.findings().get(0).message());
            }
        }
        if (curves.nonFiniteStep() != null) {
            caption.append(caption.charAt(caption.length() - 1) == '.' ? " " : ". ")
                    .append("The loss is not finite from step ").append(curves.nonFiniteStep())
                    .append(" on, and is not drawn there.");
        }
        return new Example(t.id(), anchors.get(t.id()), outcome, label, caption.toString(), curves,
                t.firstDetectedStep());
    }

    /** The varied knobs' values of a trial, e.g. {@code optimizer sgd, learning_rate 0.5}. */
    static String settings(SweepResults sweep, TrialRecord t) {
        return sweep.varied().stream().filter(k -> t.params().containsKey(k.name()))
                .map(k -> k.name() + " " + k.label(t.params().get(k.name())))
                .collect(Collectors.joining(", "));
    }

    private static List<String> notes(SweepResults sweep) {
        List<String> notes = new ArrayList<>();
        int planned = sweep.manifest().plannedTrials();
        if (planned > sweep.trials().size()) {
            notes.add("The sweep is incomplete: " + sweep.trials().size() + " of " + planned
                    + " planned trials have finished; resume it with keel sweep --resume.");
        }
        String metric = sweep.objective().name();
        boolean anyMetric = sweep.trials().stream().anyMatch(t -> !Double.isNaN(t.metric(metric)));
        if (!sweep.trials().isEmpty() && !anyMetric) {
            notes.add("No trial recorded the space's metric " + metric + "; trials are not ranked by it.");
        }
        return notes;
    }
}
