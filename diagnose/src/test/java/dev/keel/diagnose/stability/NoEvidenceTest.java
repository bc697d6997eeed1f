package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace with no loss has no evidence, and says so: it is not a stable run (issue 15). */
class NoEvidenceTest {
    @Test
    void aTraceWithoutALossColumnHasNoEvidence() {
        Diagnosis d = StabilityClassifier.classify(Trace.builder(List.of("lr")).addRow(1).build());
        assertThat(d.hasEvidence()).isFalse();
        assertThat(d.confidence()).isZero();
        assertThat(d.findings()).extracting(f -> f.rule()).containsExactly(Rule.NO_LOSS);
    }

    @Test
    void aTraceWithoutLossValuesHasNoEvidence() {
        Diagnosis d = StabilityClassifier.classify(Traces.loss(0, t -> 1));
        assertThat(d.hasEvidence()).isFalse();
        assertThat(d.findings()).extracting(f -> f.rule()).containsExactly(Rule.NO_LOSS);
    }

    @Test
    void aRunWithALossHasEvidenceWhateverItsVerdict() {
        Diagnosis d = StabilityClassifier.classify(Traces.loss(1, t -> 1));
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(d.hasEvidence()).isTrue();
    }
}
