package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, for the calibration half (or every trace with {@code all}), the features every rule reads and the
 * verdicts with full columns and cut to step,loss; then both confusion matrices of the chosen half. This is
 * how the thresholds in {@code Thresholds} were chosen: on the calibration half only.
 *
 * <pre>java -cp ... dev.keel.diagnose.labelled.CalibrationReport [calibration|held-out|all]</pre>
 * Run from the diagnose module folder.
 */
public final class CalibrationReport {
    private CalibrationReport() {
    }

    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "calibration";
        LabelledSet set = LabelledSet.load();
        List<LabelledSet.Item> items = switch (which) {
            case "held-out" -> set.heldOut();
            case "all" -> set.items();
            default -> set.calibration();
        };
        ConfusionMatrix full = new ConfusionMatrix();
        ConfusionMatrix lossOnly = new ConfusionMatrix();
        Map<String, ConfusionMatrix[]> bySource = new TreeMap<>();
        for (LabelledSet.Item item : items) {
            Trace trace = item.read();
            Trace cut = trace.keepOnly(List.of(Trace.LOSS));
            Diagnosis d = StabilityClassifier.classify(trace);
            Diagnosis l = StabilityClassifier.classify(cut);
            full.add(item.label(), d.verdict());
            lossOnly.add(item.label(), l.verdict());
            ConfusionMatrix[] m = bySource.computeIfAbsent(item.source(),
                    k -> new ConfusionMatrix[] {new ConfusionMatrix(), new ConfusionMatrix()});
            m[0].add(item.label(), d.verdict());
            m[1].add(item.label(), l.verdict());
            String mark = d.verdict() == item.label() ? (l.verdict() == item.label() ? "  " : " L") : "XX";
            System.out.printf("%s %-62s %-11s full=%-11s lossOnly=%-11s %s%n", mark, item.name(), item.label().token(),
                    d.verdict().token(), l.verdict().token(), StabilityClassifier.describe(trace));
            if (d.verdict() != item.label() || l.verdict() != item.label()) {
                System.out.println("      " + d.findings().stream().findFirst().map(f -> f.message()).orElse("-"));
            }
        }
        System.out.println("\nfull columns (" + which + ")\n" + full.markdown());
        System.out.println("cut to step,loss (" + which + ")\n" + lossOnly.markdown());
        bySource.forEach((source, m) -> {
            System.out.println(source + ", full columns (" + which + ")\n" + m[0].markdown());
            System.out.println(source + ", cut to step,loss (" + which + ")\n" + m[1].markdown());
        });
    }
}
