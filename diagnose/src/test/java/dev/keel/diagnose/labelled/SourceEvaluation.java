package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.Calibration;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.labelled.LabelledCorpus.Case;
import dev.keel.diagnose.labelled.LabelledCorpus.View;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Leave-one-source-out evaluation of the classifier on the labelled corpus (docs/DIAGNOSIS.md): for each source, the
 * fitted thresholds ({@link Calibration}) are chosen on every other source and the source is scored with them. The
 * held-out sets of real logs ({@link LabelledCorpus#HOLDOUTS}) are kept out of every fold and every choice, and are
 * scored at the end, each on its own, with the thresholds chosen on every development source ({@code final}).
 *
 * <pre>java -cp ... dev.keel.diagnose.labelled.SourceEvaluation [loso|fixed|fit|final|read] [FILTER] [--misses]</pre>
 * With {@code final}, FILTER names one held-out set to score alone (all of them when absent).
 * Run from the diagnose module folder. {@code fixed} scores every development source with {@link Calibration#DEFAULT};
 * {@code fit} prints the thresholds chosen on every development source (what {@link Calibration#DEFAULT} must be);
 * {@code read} only says which files of the corpus (held-out sets included) could not be read.
 */
public final class SourceEvaluation {
    private SourceEvaluation() {
    }

    /** The scores of one evaluation: confusion matrices by view and source, and confidence against correctness. */
    static final class Scores {
        final Map<View, ConfusionMatrix> pooled = new LinkedHashMap<>();
        final Map<String, Map<View, ConfusionMatrix>> bySource = new TreeMap<>();
        final List<double[]> confidence = new ArrayList<>();
        final List<String> misses = new ArrayList<>();
        final Map<String, int[]> byRule = new TreeMap<>();

        void add(Case c, Diagnosis d) {
            String rule = d.verdict().token() + " by " + (d.findings().isEmpty() || d.findings().get(0).rule().decides() == null
                    ? "none" : d.findings().get(0).rule().token());
            int[] counts = byRule.computeIfAbsent(rule, k -> new int[2]);
            counts[0]++;
            counts[1] += d.verdict() == c.label() ? 1 : 0;
            pooled.computeIfAbsent(c.view(), v -> new ConfusionMatrix()).add(c.item().label(), d.verdict());
            bySource.computeIfAbsent(c.source(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(c.view(), v -> new ConfusionMatrix()).add(c.item().label(), d.verdict());
            confidence.add(new double[] {d.confidence(), d.verdict() == c.item().label() ? 1 : 0});
            if (d.verdict() != c.item().label()) {
                misses.add(String.format(Locale.ROOT, "%-5s %-58s %-11s got %-11s %.2f %s", c.view(), c.item().name(),
                        c.item().label().token(), d.verdict().token(), d.confidence(),
                        d.findings().isEmpty() ? "-" : d.findings().get(0).rule() + ": " + d.findings().get(0).message()));
            }
        }
    }


    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "loso";
        String filter = args.length > 1 && !args[1].startsWith("--") ? args[1] : "";
        boolean misses = List.of(args).contains("--misses");
        List<Case> all = LabelledCorpus.all();
        List<Case> dev = all.stream().filter(c -> !LabelledCorpus.heldOut(c.source())).toList();
        if (mode.equals("read")) {
            System.out.println(LabelledCorpus.UNREAD.size() + " files not read");
            LabelledCorpus.UNREAD.forEach(u -> System.out.println("  unread " + u));
            return;
        }
        if (mode.equals("fit")) {
            System.out.println("thresholds fitted on every development source: " + describe(LabelledCorpus.fit(dev)));
            return;
        }
        Scores scores;
        switch (mode) {
            case "fixed" -> scores = score(dev, c -> true, Calibration.DEFAULT);
            case "final" -> {
                Calibration fitted = LabelledCorpus.fit(dev);
                System.out.println("thresholds fitted on every development source: " + describe(fitted));
                // final SOURCE scores one held-out set alone, so that its confusion matrix is its own.
                scores = score(all, c -> LabelledCorpus.heldOut(c.source())
                        && (filter.isEmpty() || c.source().equals(filter)), fitted);
            }
            default -> scores = leaveOneSourceOut(dev);
        }
        print(scores, filter, misses);
    }

    /** Each source scored with thresholds fitted on all the others. */
    static Scores leaveOneSourceOut(List<Case> cases) {
        Set<String> sources = new TreeSet<>();
        cases.forEach(c -> sources.add(c.source()));
        Scores scores = new Scores();
        for (String source : sources) {
            List<Case> training = cases.stream().filter(c -> !c.source().equals(source)).toList();
            Calibration fitted = LabelledCorpus.fit(training);
            System.out.println("fold " + source + ": " + describe(fitted));
            for (Case c : cases) {
                if (c.source().equals(source)) {
                    scores.add(c, StabilityClassifier.classify(c.prepared(), fitted));
                }
            }
        }
        return scores;
    }

    static Scores score(List<Case> cases, Predicate<Case> which, Calibration calibration) {
        Scores scores = new Scores();
        for (Case c : cases) {
            if (which.test(c)) {
                scores.add(c, StabilityClassifier.classify(c.prepared(), calibration));
            }
        }
        return scores;
    }

    /** Whether an unread entry ({@code source/file: reason}) belongs to a held-out set. */
    private static boolean heldOutFile(String unread) {
        return LabelledCorpus.HOLDOUTS.stream().anyMatch(h -> unread.startsWith(h + "/"));
    }

    static String describe(Calibration c) {
        StringBuilder sb = new StringBuilder();
        for (Calibration.Knob k : Calibration.knobs()) {
            double v = k.get().applyAsDouble(c);
            boolean log = k.name().endsWith("Log") || k.name().endsWith("wingSize");
            sb.append(k.name()).append('=').append(log ? String.format(Locale.ROOT, "e^%.3g(%.3gx)", v, Math.exp(v))
                    : String.format(Locale.ROOT, "%.3g", v)).append(' ');
        }
        return sb.toString().trim();
    }

    static void print(Scores s, String filter, boolean misses) {
        System.out.println();
        long unread = LabelledCorpus.UNREAD.stream().filter(u -> !heldOutFile(u)).count();
        System.out.println(unread + " files not read");
        LabelledCorpus.UNREAD.stream().filter(u -> !heldOutFile(u))
                .forEach(u -> System.out.println("  unread " + u));
        System.out.println("| source | traces | all columns | no chance metadata | step,epoch,loss |");
        System.out.println("|---|---|---|---|---|");
        s.bySource.forEach((source, byView) -> System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", source,
                byView.get(View.FULL).count(), percent(byView.get(View.FULL)), percent(byView.get(View.BARE)),
                percent(byView.get(View.LOSS))));
        for (View v : View.values()) {
            System.out.println("\npooled, " + v + "\n" + s.pooled.get(v).markdown());
        }
        System.out.println("reliability (all views): confidence bin, verdicts, right");
        double[] edges = {0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001};
        for (int b = 0; b + 1 < edges.length; b++) {
            int n = 0;
            int right = 0;
            for (double[] c : s.confidence) {
                if (c[0] >= edges[b] && c[0] < edges[b + 1]) {
                    n++;
                    right += (int) c[1];
                }
            }
            System.out.printf(Locale.ROOT, "  [%.1f, %.1f)  %4d  %s%n", edges[b], Math.min(1, edges[b + 1]), n,
                    n == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * right / n));
        }
        System.out.println("\nprecision of each deciding rule (all views): verdicts, right");
        s.byRule.forEach((rule, c) -> System.out.printf(Locale.ROOT, "  %-36s %4d  %.1f%%%n", rule, c[0], 100.0 * c[1] / c[0]));
        if (misses) {
            System.out.println("\nmisses:");
            s.misses.stream().filter(m -> m.contains(filter)).forEach(System.out::println);
        }
    }

    private static String percent(ConfusionMatrix m) {
        return m == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * m.accuracy());
    }
}
