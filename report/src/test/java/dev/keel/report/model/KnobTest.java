package dev.keel.report.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KnobTest {

    @Test
    void learningRateIsAlwaysOnALogAxis() {
        Knob lr = Knob.of("learning_rate", List.of(0.01, 0.02, 0.05));
        assertThat(lr.numeric()).isTrue();
        assertThat(lr.logScale()).isTrue();
    }

    @Test
    void otherNumbersGoOnALogAxisOnlyWhenTheySpanMoreThanTwoDecades() {
        assertThat(Knob.of("batch_size", List.of(16, 64, 256)).logScale()).isFalse();
        assertThat(Knob.of("l2", List.of(1e-6, 1e-4, 1e-2)).logScale()).isTrue();
    }

    @Test
    void aWideRangeThatIncludesZeroBecomesOrderedCategories() {
        Knob wd = Knob.of("weight_decay", List.of(1e-3, 0.0, 1e-6, 0.0));
        assertThat(wd.numeric()).isFalse();
        assertThat(wd.categories()).containsExactly("0", "1e-06", "0.001");
    }

    @Test
    void aKnobMixingWordsAndNumbersIsCategoricalWithNoneFirst() {
        Knob clip = Knob.of("gradient_clipping", List.of(5.0, "none", 1.0, "value:0.5"));
        assertThat(clip.numeric()).isFalse();
        assertThat(clip.categories()).containsExactly("none", "1", "5", "value:0.5");
        assertThat(clip.position("none")).isEqualTo(0);
        assertThat(clip.position(5.0)).isEqualTo(2);
    }

    @Test
    void booleansAreFalseThenTrue() {
        assertThat(Knob.of("batch_norm", List.of(true, false)).categories()).containsExactly("false", "true");
    }

    @Test
    void aKnobWithOneValueDidNotVary() {
        Knob es = Knob.of("early_stopping", Arrays.asList(Map.of("patience", 5), Map.of("patience", 5)));
        assertThat(es.varied()).isFalse();
    }

    @Test
    void formatKeepsNumbersShortAndExactEnough() {
        assertThat(Format.number(0.001)).isEqualTo("0.001");
        assertThat(Format.number(3e-5)).isEqualTo("3e-05");
        assertThat(Format.number(0.123456)).isEqualTo("0.1235");
        assertThat(Format.number(32)).isEqualTo("32");
        assertThat(Format.number(2.5e8)).isEqualTo("2.5e+08");
        assertThat(Format.number(Double.NaN)).isEqualTo("NaN");
    }
}
