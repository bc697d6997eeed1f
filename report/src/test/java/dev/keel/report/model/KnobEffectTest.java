package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnobEffectTest {

    @Test
    void sharesPerValueAndTheHeadlineNameTheValueThatFails() {
        List<TrialRecord> trials = new ArrayList<>();
        Verdict[] sigmoid = {Verdict.VANISHING, Verdict.VANISHING, Verdict.VANISHING, Verdict.STABLE, Verdict.STABLE};
        for (int i = 0; i < sigmoid.length; i++) {
            trials.add(Trials.trial("s" + i, Map.of("activation", "sigmoid"), sigmoid[i], 0.5 + i));
            trials.add(Trials.trial("r" + i, Map.of("activation", "relu"), Verdict.STABLE, 0.2 + i));
        }
        KnobEffect effect = KnobEffect.of(Trials.sweep(1, trials)).get(0);

        assertThat(effect.knob().name()).isEqualTo("activation");
        assertThat(effect.rows()).extracting(KnobEffect.Row::value).containsExactly("relu", "sigmoid");
        KnobEffect.Row sig = effect.rows().get(1);
        assertThat(sig.trials()).isEqualTo(5);
        assertThat(sig.share(Outcome.VANISHING)).isEqualTo(0.6);
        assertThat(sig.bestMetric()).isEqualTo(3.5);        // lowest val_loss among its stable trials
        assertThat(effect.rows().get(0).bestMetric()).isEqualTo(0.2);
        assertThat(effect.headline()).isEqualTo("sigmoid: 60% vanishing");
        assertThat(effect.association()).isGreaterThan(0);
    }

    @Test
    void aKnobThatDecidesNothingScoresNearZeroAndSortsLast() {
        List<TrialRecord> trials = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean bad = i % 2 == 0;
            trials.add(Trials.trial("t" + i, Map.of("activation", bad ? "sigmoid" : "relu",
                    "batch_size", (i / 2) % 2 == 0 ? 32 : 64), bad ? Verdict.VANISHING : Verdict.STABLE, 1));
        }
        List<KnobEffect> effects = KnobEffect.of(Trials.sweep(1, trials));
        assertThat(effects).extracting(e -> e.knob().name()).containsExactly("activation", "batch_size");
        assertThat(effects.get(0).association()).isGreaterThan(0.9);
        assertThat(effects.get(1).association()).isLessThan(0.05);
    }

    @Test
    void aSampledNumericKnobIsCutIntoRanges() {
        List<TrialRecord> trials = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double lr = Math.pow(10, -4 + 4.0 * i / 29);
            trials.add(Trials.trial("t" + i, Map.of("learning_rate", lr), lr > 0.1 ? Verdict.DIVERGING : Verdict.STABLE, 1));
        }
        KnobEffect effect = KnobEffect.of(Trials.sweep(1, trials)).get(0);
        assertThat(effect.rows()).hasSize(KnobEffect.RANGES);
        assertThat(effect.rows().get(0).value()).isEqualTo("0.0001 – 0.00063");
        assertThat(effect.rows().stream().mapToInt(KnobEffect.Row::trials).sum()).isEqualTo(30);
        assertThat(effect.rows().get(4).share(Outcome.DIVERGING)).isGreaterThan(0.5);
    }
}
