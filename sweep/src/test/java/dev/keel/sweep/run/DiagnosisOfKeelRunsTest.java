package dev.keel.sweep.run;

import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs of keel's own sweeps that its diagnosis once got wrong, verdict and evidence checked end to end. */
class DiagnosisOfKeelRunsTest {
    /** Issue 12's first example: the loss falls from a saturated start to ln 10 within 40 steps and stays there. */
    private static final String DEEP_SIGMOID = """
            method: grid
            seed: 7
            data: {source: builtin:digits}
            parameters:
              depth: {value: 20}
              width: {value: 32}
              activation: {value: sigmoid}
              weight_init: {value: normal}
              optimizer: {value: sgd}
              learning_rate: {value: 0.05}
              batch_norm: {value: false}
              residual: {value: false}
              epochs: {value: 6}
            """;

    @TempDir
    Path dir;

    @Test
    void twentySigmoidLayersWhoseLossFallsToLnTenAndStaysLearntNothing() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "deep-sigmoid", DEEP_SIGMOID);
        ResultStore store = SweepRunner.start(space, dir.resolve("run"), new LocalExecutor(1), SweepProgress.NONE);
        TrialRecord t = store.trials().get(0);
        assertThat(t.metrics().get("val_accuracy")).isLessThan(0.2);
        assertThat(t.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(t.findings().get(0).rule()).isIn(Rule.STALLED_AT_CHANCE, Rule.VANISHING_GRADIENT);
        assertThat(t.findings().get(0).message()).contains("chance level");
    }
}
