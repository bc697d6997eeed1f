package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.labelled.LabelledSet;
import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays every labelled trace through the online monitor, as the sweep would during training. */
class DivergenceMonitorOnLabelledSetTest {
    @Test
    void neverStopsARunTheClassifierDoesNotCallDivergingAndCatchesMostDivergingOnes() throws IOException {
        int diverging = 0;
        int stopped = 0;
        for (LabelledSet.Item item : LabelledSet.load().items()) {
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
        assertThat(stopped).as("diverging runs the monitor stopped early").isGreaterThanOrEqualTo(diverging * 3 / 4);
    }
}
