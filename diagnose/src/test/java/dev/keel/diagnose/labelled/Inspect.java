package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.Calibration;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Prints what the rules read of each trace file and the diagnosis, for looking into a verdict while developing.
 *
 * <pre>java -cp ... dev.keel.diagnose.labelled.Inspect FILE... [--loss]</pre>
 */
public final class Inspect {
    private Inspect() {
    }

    public static void main(String[] args) throws IOException {
        boolean lossOnly = java.util.List.of(args).contains("--loss");
        for (String a : args) {
            if (a.startsWith("--")) {
                continue;
            }
            Trace t = TraceReader.read(Path.of(a));
            if (lossOnly) {
                t = LabelledCorpus.View.LOSS.apply(t);
            }
            Diagnosis d = StabilityClassifier.classify(t);
            System.out.println(a + "\n  " + StabilityClassifier.describe(t, ChanceLevel.UNKNOWN, Calibration.DEFAULT));
            System.out.println("  -> " + d.verdict().token() + " " + d.confidence());
            for (Finding f : d.findings()) {
                System.out.println("     " + f.rule() + ": " + f.message());
            }
        }
    }
}
