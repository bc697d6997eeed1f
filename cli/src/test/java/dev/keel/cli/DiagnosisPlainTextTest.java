package dev.keel.cli;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosisPlainTextTest {
    private static String print(Diagnosis d) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            DiagnosisPlainText.print(out, "run.csv", d, List.of());
        }
        return s.toString();
    }

    @Test
    void aTraceWithNoLossReadsAsNoEvidenceNotAsAStableRun() {
        String text = print(Diagnosis.noEvidence("the trace has no loss values: nothing to diagnose"));
        assertThat(text).startsWith("run.csv: no evidence\n").doesNotContain("stable").doesNotContain("confidence")
                .contains("  - the trace has no loss values: nothing to diagnose");
    }

    @Test
    void aVerdictReadsWithItsConfidence() {
        assertThat(print(new Diagnosis(Verdict.STABLE, 0.85, null, List.of())))
                .startsWith("run.csv: stable (confidence 0.85)\n");
    }
}
