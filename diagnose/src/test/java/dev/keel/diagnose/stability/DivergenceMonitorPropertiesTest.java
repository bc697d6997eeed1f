package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** The online monitor never stops a run that the offline classifier calls anything but diverging. */
class DivergenceMonitorPropertiesTest {

    @Property(tries = 500)
    void neverStopsANoisyFallingRun(@ForAll @DoubleRange(min = -4, max = 4) double startDecades,
                                    @ForAll @DoubleRange(min = 0.01, max = 0.9) double floorShare,
                                    @ForAll @DoubleRange(min = 5, max = 500) double tau,
                                    @ForAll @DoubleRange(min = 0, max = 0.7) double noise,
                                    @ForAll @IntRange(min = 5, max = 1500) int steps,
                                    @ForAll long seed) {
        double start = Math.pow(10, startDecades);
        Trace t = Traces.loss(steps, Traces.noisyDecay(start, start * floorShare, tau, noise, seed));
        DivergenceMonitor.Decision d = DivergenceMonitorTest.replay(t);
        if (StabilityClassifier.classify(t).verdict() == Verdict.STABLE) {
            assertThat(d.shouldStop()).as("stopped a stable run: %s", d.reason()).isFalse();
        }
    }

    @Property(tries = 1000)
    void stopsOnlyRunsTheClassifierCallsDiverging(@ForAll long seed) {
        Trace t = RandomTraces.of(seed);
        DivergenceMonitor.Decision d = DivergenceMonitorTest.replay(t);
        if (d.shouldStop()) {
            Diagnosis offline = StabilityClassifier.classify(t);
            assertThat(offline.verdict()).as("monitor said: %s", d.reason()).isEqualTo(Verdict.DIVERGING);
            assertThat(offline.firstDetectedStep()).isLessThanOrEqualTo(d.step());
        }
    }
}
