package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {

    private static SweepResults sweep(boolean batchNorm, int stableOf10) {
        List<TrialRecord> trials = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> p = Map.of("batch_norm", batchNorm, "optimizer", i % 2 == 0 ? "sgd" : "adam",
                    "learning_rate", 0.001 * (i + 1));
            boolean stable = i < stableOf10;
            trials.add(Trials.trial((batchNorm ? "b" : "a") + i, p, stable ? Verdict.STABLE : Verdict.DIVERGING,
                    stable ? 0.5 - i * 0.01 : Double.NaN));
        }
        return Trials.sweep(1, trials);
    }

    @Test
    void namesTheChangedSettingAndTheChangeInStableShare() {
        Comparison c = Comparison.of(sweep(false, 4), sweep(true, 8));

        assertThat(c.settings()).containsExactly(new Comparison.SettingDifference("batch_norm", "false", "true"));
        assertThat(c.a().summary().share(Outcome.STABLE)).isEqualTo(0.4);
        assertThat(c.b().summary().share(Outcome.STABLE)).isEqualTo(0.8);
        assertThat(c.a().name()).isEqualTo("hand-made (A)");
        assertThat(c.headline()).contains("in 80% of its trials").contains("in 40% (+40 points)")
                .contains("best stable val_loss 0.43 against 0.47");
        assertThat(c.shifts()).extracting(Comparison.Shift::knob).containsOnly("optimizer", "learning_rate");
        // Ten sampled-looking rates are compared by range, not one trial against one.
        List<Comparison.Shift> rates = c.shifts().stream().filter(s -> s.knob().equals("learning_rate")).toList();
        assertThat(rates).hasSize(KnobEffect.RANGES);
        assertThat(rates.stream().mapToInt(Comparison.Shift::trialsA).sum()).isEqualTo(10);
        assertThat(rates.stream().mapToInt(Comparison.Shift::trialsB).sum()).isEqualTo(10);
        assertThat(c.shifts()).filteredOn(s -> s.knob().equals("optimizer"))
                .allMatch(s -> Math.abs(s.change() - 0.4) < 1e-9);
    }
}
