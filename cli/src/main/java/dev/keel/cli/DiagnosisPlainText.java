package dev.keel.cli;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The human form of a diagnosis: one headline per file, then its findings in plain words, then how the file was read
 * ({@code note:} lines), so that a verdict on a log read with guesses says which guesses.
 */
final class DiagnosisPlainText {
    /** The headline's verdict for a run with nothing to judge (a trace without a loss), instead of "stable". */
    static final String NO_EVIDENCE = "no evidence";

    private DiagnosisPlainText() {
    }

    static void print(PrintWriter out, String file, Diagnosis d, List<String> notes) {
        StringBuilder head = new StringBuilder(file).append(": ");
        if (d.hasEvidence()) {
            head.append(d.verdict().token()).append(String.format(Locale.ROOT, " (confidence %.2f)", d.confidence()));
        } else {
            head.append(NO_EVIDENCE);
        }
        if (d.firstDetectedStep() != null) {
            head.append(", from step ").append(d.firstDetectedStep());
        }
        out.println(head);
        if (d.findings().isEmpty()) {
            out.println("  - nothing unusual: the loss falls and settles");
        }
        for (Finding f : d.findings()) {
            out.println("  - " + f.message());
        }
        for (String note : notes) {
            out.println("  note: " + note);
        }
    }
}
