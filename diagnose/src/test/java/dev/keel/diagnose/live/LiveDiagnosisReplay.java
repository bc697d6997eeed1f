package dev.keel.diagnose.live;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.labelled.LabelledCorpus;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays every labelled trace row by row through {@link LiveDiagnosis}, as {@code keel diagnose --follow} would see
 * it written, and prints the figures {@link LiveDiagnosis}'s holding rule was chosen by (development sources) and
 * what it gives on the final holdout. About five minutes on one core.
 *
 * <pre>
 * mvn -B -q -o -pl diagnose test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp diagnose/target/classes:diagnose/target/test-classes:$(cat /tmp/cp) dev.keel.diagnose.live.LiveDiagnosisReplay
 * </pre>
 */
public final class LiveDiagnosisReplay {
    private LiveDiagnosisReplay() {
    }

    public static void main(String[] args) throws IOException {
        List<LabelledCorpus.Case> cases = LabelledCorpus.all().stream()
                .filter(c -> c.view() == LabelledCorpus.View.FULL).toList();
        Tally development = new Tally("development");
        Tally holdout = new Tally("final holdouts");
        for (LabelledCorpus.Case c : cases) {
            Trace trace = c.item().read();
            (LabelledCorpus.heldOut(c.source()) ? holdout : development).add(c.item().name(), trace);
        }
        development.print();
        holdout.print();
    }

    /** Feeds a trace to a fresh {@link LiveDiagnosis} one row at a time, then ends it. */
    static List<VerdictChange> replay(Trace trace) {
        LiveDiagnosis live = new LiveDiagnosis(ChanceLevel.UNKNOWN);
        List<VerdictChange> changes = new ArrayList<>();
        for (int rows = 1; rows <= trace.size(); rows++) {
            changes.addAll(live.observe(LiveDiagnosis.head(trace, rows)));
        }
        changes.addAll(live.end(trace));
        return changes;
    }

    private static final class Tally {
        final String name;
        int logs;
        int changes;
        int notDiverging;
        int falseDiverging;
        int diverging;
        int withinTen;
        int live;

        Tally(String name) {
            this.name = name;
        }

        void add(String file, Trace trace) {
            Diagnosis finished = StabilityClassifier.classify(trace);
            List<VerdictChange> replayed = replay(trace);
            logs++;
            changes += replayed.size();
            VerdictChange firstDiverging = replayed.stream().filter(c -> c.verdict() == Verdict.DIVERGING)
                    .findFirst().orElse(null);
            if (finished.verdict() != Verdict.DIVERGING) {
                notDiverging++;
                if (firstDiverging != null) {
                    falseDiverging++;
                    System.out.println("  reported diverging, finally " + finished.verdict().token() + ": " + file);
                }
                return;
            }
            diverging++;
            if (firstDiverging != null && firstDiverging.step() <= finished.firstDetectedStep() + 10) {
                withinTen++;
            } else {
                System.out.println("  diverging later than 10 steps after " + finished.firstDetectedStep() + ": " + file
                        + (firstDiverging == null ? "" : " (step " + firstDiverging.step() + ")"));
            }
            if (firstDiverging != null && firstDiverging.rows() < trace.size()) {
                live++;
            }
        }

        void print() {
            System.out.printf(Locale.ROOT, "%s: %d logs, %.2f changes a log; a divergence reported on %d of the %d"
                    + " logs the classifier finally calls otherwise; of the %d it calls diverging, %d reported at most"
                    + " 10 steps after its first_detected_step, %d before the log's last row%n", name, logs,
                    changes / (double) logs, falseDiverging, notDiverging, diverging, withinTen, live);
        }
    }
}
