package dev.keel.sweep.search;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WhatMatteredTest {
    private static final Metric ACCURACY = Metric.named("val_accuracy");
    static final List<Parameter> SPACE = List.of(
            new Choice("activation", List.of("relu", "tanh", "sigmoid")),
            new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 10, null),
            new Distribution("width", DistributionKind.INT_UNIFORM, 16, 256, null),
            new Distribution("dropout", DistributionKind.UNIFORM, 0, 0.5, null));

    /**
     * Stability decided by the learning rate alone (stable below 0.01), the metric among stable runs by width alone;
     * activation and dropout decide nothing.
     */
    static List<TrialRecord> trials(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrialRecord> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (Parameter parameter : SPACE) {
                p.put(parameter.knob(), parameter.valueAt(random.nextDouble()));
            }
            boolean stable = (double) p.get("learning_rate") < 0.01;
            double accuracy = 0.5 + 0.4 * ((int) p.get("width") - 16) / 240.0 + 0.01 * random.nextDouble();
            trials.add(new TrialRecord(String.format("t%04d-r0", i), p, 0, TrialStatus.COMPLETED,
                    stable ? Verdict.STABLE : Verdict.DIVERGING, 0.9, null, List.of(),
                    Map.of("val_accuracy", stable ? accuracy : 0.1), 5, 50, 1, null));
        }
        return trials;
    }

    @Test
    void theKnobThatDecidesStabilityAndTheOneThatDecidesTheMetricComeOutOnTop() {
        WhatMattered w = WhatMattered.of(SPACE, ACCURACY, trials(120, 1));
        Map<String, WhatMattered.Knob> byName = new LinkedHashMap<>();
        w.knobs().forEach(k -> byName.put(k.name(), k));

        assertThat(w.knobs().get(0).name()).isEqualTo("learning_rate");
        assertThat(byName.get("learning_rate").stability()).isGreaterThan(0.6);
        assertThat(byName.values().stream().mapToDouble(WhatMattered.Knob::stability).sum()).isCloseTo(1, within(1e-9));
        assertThat(byName.get("width").metric()).isGreaterThan(0.5);
        assertThat(byName.get("width").metric()).isGreaterThan(byName.get("activation").metric() * 3);
        assertThat(w.stable()).isBetween(40, 80);
        assertThat(w.top()).isGreaterThanOrEqualTo(WhatMattered.MIN_TOP);
    }

    @Test
    void withEveryTrialAlikeOrTooFewTrialsThereIsNothingToSay() {
        List<TrialRecord> allStable = trials(30, 2).stream().map(t -> new TrialRecord(t.id(), t.params(), 0,
                TrialStatus.COMPLETED, Verdict.STABLE, 0.9, null, List.of(), t.metrics(), 5, 50, 1, null)).toList();
        WhatMattered w = WhatMattered.of(SPACE, ACCURACY, allStable);
        assertThat(w.knobs()).allSatisfy(k -> assertThat(k.stability()).isNaN());
        assertThat(w.knobs()).anySatisfy(k -> assertThat(k.metric()).isNotNaN());
        assertThat(WhatMattered.of(SPACE, ACCURACY, trials(3, 3)).isEmpty()).isTrue();
    }

    @Test
    void theStableRegionEndsWhereTheTrialsStoppedBeingStable() {
        List<StableRegion> regions = StableRegion.of(SPACE, ACCURACY, trials(80, 4), 7);
        StableRegion lr = regions.get(0);
        assertThat(lr.knob()).isEqualTo("learning_rate");
        assertThat(lr.byKnob()).isEqualTo("activation");
        assertThat(lr.bands()).extracting(StableRegion.Band::category).containsExactly("relu", "tanh", "sigmoid");
        for (StableRegion.Band b : lr.bands()) {
            assertThat(b.from()).isEqualTo(b.values()[0]);
            assertThat(b.to()).as(b.category()).isBetween(0.003, 0.03);
        }
    }
}
