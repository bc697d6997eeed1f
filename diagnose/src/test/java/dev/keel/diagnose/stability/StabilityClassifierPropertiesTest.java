package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StabilityClassifierPropertiesTest {

    @Provide
    Arbitrary<Double> anyLoss() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e-300, 1e300));
    }

    @Property(tries = 300)
    void neverThrowsOnAnyLossValues(@ForAll @Size(max = 120) List<@net.jqwik.api.From("anyLoss") Double> losses,
                                    @ForAll boolean withGradients) {
        List<String> cols = withGradients ? List.of(Trace.LOSS, "grad_norm/a", "grad_norm/b", "param_norm/a",
                "dead_fraction/a", "saturated_fraction/a", "update_ratio/b", Trace.VAL_LOSS) : List.of(Trace.LOSS);
        Trace.Builder b = Trace.builder(cols);
        for (int i = 0; i < losses.size(); i++) {
            b.addRow(i);
            for (int c = 0; c < cols.size(); c++) {
                double v = losses.get((i + c) % losses.size());
                if ((i + c) % 7 != 3) {
                    b.set(c, v);
                }
            }
        }
        Diagnosis d = StabilityClassifier.classify(b.build());
        assertThat(d.confidence()).isBetween(0.0, 1.0);
        if (d.verdict() != Verdict.STABLE) {
            assertThat(d.findings()).as("a verdict other than stable names its evidence").isNotEmpty();
        }
    }

    @Property(tries = 300)
    void neverThrowsOnTrainingLikeTraces(@ForAll long seed) {
        Diagnosis d = StabilityClassifier.classify(RandomTraces.of(seed));
        assertThat(d.confidence()).isBetween(0.0, 1.0);
        if (d.verdict() != Verdict.STABLE) {
            assertThat(d.findings()).isNotEmpty();
            assertThat(d.firstDetectedStep()).isNotNull();
        }
    }

    /** The loss's own units matter only through its chance level (ln K is a value, not a ratio), so scaling the
     *  loss and its chance level together changes nothing. */
    @Property(tries = 300)
    void verdictDoesNotChangeWhenTheLossAndItsChanceLevelAreScaled(@ForAll long seed,
                                                                   @ForAll @DoubleRange(min = -3, max = 3) double decades,
                                                                   @ForAll @DoubleRange(min = 0.3, max = 3) double chance) {
        double c = Math.pow(10, decades);
        Trace t = RandomTraces.of(seed);
        double first = t.loss().get(0);
        double level = Double.isFinite(first) && first > 0 ? chance * first : chance;
        assertThat(StabilityClassifier.classify(RandomTraces.scaled(t, c), ChanceLevel.given(level * c)).verdict())
                .isEqualTo(StabilityClassifier.classify(t, ChanceLevel.given(level)).verdict());
    }

    @Property(tries = 300)
    void verdictDoesNotChangeWhenStepsAreOffset(@ForAll long seed,
                                                @ForAll @LongRange(min = -1_000_000, max = 1_000_000_000_000L) long offset) {
        Trace t = RandomTraces.of(seed);
        Diagnosis base = StabilityClassifier.classify(t);
        Diagnosis moved = StabilityClassifier.classify(RandomTraces.offset(t, offset));
        assertThat(moved.verdict()).isEqualTo(base.verdict());
        assertThat(moved.confidence()).isEqualTo(base.confidence());
        if (base.firstDetectedStep() != null) {
            assertThat(moved.firstDetectedStep()).isEqualTo(base.firstDetectedStep() + offset);
        }
    }
}
