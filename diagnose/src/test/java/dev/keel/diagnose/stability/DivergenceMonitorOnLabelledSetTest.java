package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.labelled.LabelledCorpus;
import dev.keel.diagnose.labelled.LabelledSet;
import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays every labelled development trace through the online monitor, as the sweep would during training. */
class DivergenceMonitorOnLabelledSetTest {
    @Test
    void neverStopsARunTheClassifierDoesNotCallDivergingAndCatchesMostDivergingOnes() throws IOException {
        int diverging = 0;
        int stopped = 0;
        for (LabelledCorpus.Case c : LabelledCorpus.development()) {
            if (c.view() != LabelledCorpus.View.FULL) {
                continue;
            }
            LabelledSet.Item item = c.item();
            Trace trace = item.read();
            DivergenceMonitor.Decision d = DivergenceMonitorTest.replay(trace);
            Diagnosis offline = StabilityClassifier.classify(trace);
            if (d.shouldStop()) {
                assertThat(offline.verdict()).as("%s: monitor said %s", item.name(), d.reason())
                        .isEqualTo(Verdict.DIVERGING);
                assertThat(item.label()).as(item.name()).isEqualTo(Verdict.DIVERGING);
            }
            if (item.label() == Verdict.DIVERGING) {
                diverging++;
                stopped += d.shouldStop() ? 1 : 0;
            }
        }
        // What it lets run: logs too short for the sustained stretch (per-epoch logs), blow-ups that fell back to chance
        // (only the rest of the run shows they never recovered) and networks that died (seen once the loss is flat).
        assertThat(stopped).as("diverging runs the monitor stopped early").isGreaterThanOrEqualTo(diverging * 2 / 3);
    }
}
