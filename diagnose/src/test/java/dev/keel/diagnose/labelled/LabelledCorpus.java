package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.Calibration;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labelled corpus prepared for evaluation: every trace of every manifest under
 * {@code src/test/resources/labelled}, in three views, with the classifier's evidence computed once, and the search
 * that chooses {@link Calibration}'s thresholds on a set of them. Sources are the corpus's folders: a framework, a
 * generator, a set of real logs. The {@link #HOLDOUTS} are kept out of {@link #development()}.
 */
public final class LabelledCorpus {
    /** Real logs collected apart and never looked at while the rules or thresholds were chosen (round 2). */
    public static final String FINAL_HOLDOUT = "real-holdout";
    /**
     * Every set of real logs kept out of development, each scored on its own ({@code SourceEvaluation final}): the
     * first, scored twice and still unexamined, and a second collected by a new hand on 2026-12-03 because the
     * first's notes asked the next round for a fresh one. A folder found under the labelled root joins development
     * unless it is named here.
     */
    public static final List<String> HOLDOUTS = List.of(FINAL_HOLDOUT, "real-holdout-2");

    /** Files of the corpus keel could not read, with the reason: every file of a source must be read. */
    public static final List<String> UNREAD = new ArrayList<>();

    private LabelledCorpus() {
    }

    /** How much of a trace the classifier is shown. */
    public enum View {
        /** As the file was read. */
        FULL,
        /** Without the chance level the metadata gives (chance_loss, classes): a foreign log that does not say. */
        BARE,
        /** step, epoch and loss only, no metadata lines (what a reader learns from the format itself stays). */
        LOSS;

        public Trace apply(Trace t) {
            return switch (this) {
                case FULL -> t;
                case BARE -> withMetadata(t, without(t.metadata(), Set.of(Trace.META_CHANCE_LOSS, Trace.META_CLASSES)));
                case LOSS -> withMetadata(t.keepOnly(List.of(Trace.EPOCH, Trace.LOSS)),
                        t.metadata().containsKey("loss_rows") ? Map.of("loss_rows", t.metadata().get("loss_rows"))
                                : Map.of());
            };
        }
    }

    public record Case(LabelledSet.Item item, View view, StabilityClassifier.Prepared prepared) {
        public String source() {
            return item.source();
        }

        public Verdict label() {
            return item.label();
        }

        Verdict classify(Calibration c) {
            return StabilityClassifier.classify(prepared, c).verdict();
        }
    }

    /** Every source but the held-out ones. */
    public static List<Case> development() throws IOException {
        return all().stream().filter(c -> !heldOut(c.source())).toList();
    }

    /** Whether a source is one of the {@link #HOLDOUTS}. */
    public static boolean heldOut(String source) {
        return HOLDOUTS.contains(source);
    }

    public static List<Case> all() throws IOException {
        return cases(LabelledSet.load());
    }

    static List<Case> cases(LabelledSet set) {
        List<Case> cases = new ArrayList<>();
        for (LabelledSet.Item item : set.items()) {
            Trace trace;
            try {
                trace = item.read();
            } catch (RuntimeException e) {
                UNREAD.add(item.name() + ": " + e.getMessage());
                continue;
            }
            for (View view : View.values()) {
                cases.add(new Case(item, view, StabilityClassifier.prepare(view.apply(trace), ChanceLevel.UNKNOWN)));
            }
        }
        return cases;
    }

    /**
     * Coordinate descent over {@link Calibration#knobs()} from the default, until no knob moves (at most six passes), maximising accuracy plus
     * balanced accuracy (the mean of the four recalls) summed over the views with all columns and with the loss
     * alone. Ties keep the current value, so a threshold moves only when the training sources ask for it.
     */
    public static Calibration fit(List<Case> training) {
        List<Case> judged = training.stream().filter(c -> c.view() != View.BARE).toList();
        Calibration best = Calibration.DEFAULT;
        double bestScore = objective(judged, best);
        for (int pass = 0; pass < 6; pass++) {
            boolean moved = false;
            for (Calibration.Knob knob : Calibration.knobs()) {
                for (double v : knob.grid()) {
                    Calibration candidate = knob.set().apply(best, v);
                    double s = objective(judged, candidate);
                    if (s > bestScore + 1e-9) {
                        bestScore = s;
                        best = candidate;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return best;
    }

    private static double objective(List<Case> cases, Calibration c) {
        Map<View, ConfusionMatrix> m = new LinkedHashMap<>();
        for (Case k : cases) {
            m.computeIfAbsent(k.view(), v -> new ConfusionMatrix()).add(k.label(), k.classify(c));
        }
        double s = 0;
        for (ConfusionMatrix cm : m.values()) {
            double balanced = 0;
            int labels = 0;
            for (Verdict v : Verdict.values()) {
                if (!Double.isNaN(cm.recall(v))) {
                    balanced += cm.recall(v);
                    labels++;
                }
            }
            s += cm.accuracy() + balanced / Math.max(1, labels);
        }
        return s;
    }

    private static Trace withMetadata(Trace t, Map<String, String> metadata) {
        return new Trace(metadata, t.steps(), t.columns());
    }

    private static Map<String, String> without(Map<String, String> metadata, Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>(metadata);
        keys.forEach(out::remove);
        return out;
    }
}
