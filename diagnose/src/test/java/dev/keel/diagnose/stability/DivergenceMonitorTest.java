package dev.keel.diagnose.stability;

import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class DivergenceMonitorTest {
    /** Feeds a trace's loss (and total norms, as the trainer would) step by step; the first STOP or CONTINUE. */
    static DivergenceMonitor.Decision replay(Trace trace) {
        DivergenceMonitor monitor = new DivergenceMonitor();
        LayerEvidence layers = new LayerEvidence(trace);
        double[] grad = layers.totals(Trace.GRAD_NORM);
        double[] param = layers.totals(Trace.PARAM_NORM);
        Trace.Column loss = trace.loss();
        for (int r = 0; r < trace.size(); r++) {
            if (!loss.has(r)) {
                continue;
            }
            DivergenceMonitor.Decision d = monitor.observe(trace.steps()[r], loss.get(r), grad[r], param[r]);
            if (d.shouldStop()) {
                return d;
            }
        }
        return DivergenceMonitor.Decision.CONTINUE;
    }

    @Test
    void stopsAtTheFirstNonFiniteLoss() {
        DivergenceMonitor m = new DivergenceMonitor();
        assertThat(m.observe(10, 2.3)).isSameAs(DivergenceMonitor.Decision.CONTINUE);
        DivergenceMonitor.Decision d = m.observe(11, Double.NaN);
        assertThat(d.shouldStop()).isTrue();
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.step()).isEqualTo(11);
        assertThat(d.reason()).contains("NaN").contains("11");
        assertThat(m.observe(12, 0.1)).as("stays stopped").isSameAs(d);
    }

    @Test
    void stopsWhenTheLossBlowsUpWithoutEverBeingNaN() {
        IntToDoubleFunction loss = t -> t < 100 ? 2.3 * Math.exp(-t / 30.0) + 0.2 : 20.7;
        DivergenceMonitor.Decision d = replay(Traces.loss(300, loss));
        assertThat(d.shouldStop()).isTrue();
        // The level reaches the line within three steps of the jump and must stay there for the sustained stretch
        // that no catapult of the labelled corpus lasted.
        assertThat(d.step()).isBetween(100L + Thresholds.BLOW_UP_SUSTAINED_ROWS - 1, 104L + Thresholds.BLOW_UP_SUSTAINED_ROWS);
        assertThat(d.reason()).contains("starting value");
    }

    @Test
    void stopsOnAnInfiniteGradientOrRunawayParameters() {
        DivergenceMonitor m = new DivergenceMonitor();
        m.observe(0, 1.0, 1.0, 10);
        assertThat(m.observe(1, 1.0, Double.POSITIVE_INFINITY, 10).shouldStop()).isTrue();
        DivergenceMonitor p = new DivergenceMonitor();
        p.observe(0, 1.0, Double.NaN, 10);
        assertThat(p.observe(1, 0.9, Double.NaN, 5_000).shouldStop()).isFalse();
        assertThat(p.observe(2, 0.9, Double.NaN, 10_000).shouldStop()).isTrue();
    }

    @Test
    void unmeasuredNormsNeverStopARun() {
        DivergenceMonitor m = new DivergenceMonitor();
        for (int t = 0; t < 1000; t++) {
            assertThat(m.observe(t, 1.0 / (1 + t), Double.NaN, Double.NaN).shouldStop()).isFalse();
        }
    }

    @Test
    void letsASlowRiseAndRecoveryAndNoisyTrainingRunOn() {
        assertThat(replay(Traces.loss(800, Traces.noisyDecay(2.3, 0.05, 80, 0.5, 1))).shouldStop()).isFalse();
        IntToDoubleFunction riseAndRecover = t -> t < 200 ? 1.0 - t / 400.0 : t < 300 ? 0.5 + (t - 200) / 100.0
                : 1.5 * Math.exp(-(t - 300) / 50.0) + 0.1;
        assertThat(replay(Traces.loss(600, riseAndRecover)).shouldStop()).isFalse();
    }
}
