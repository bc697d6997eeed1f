package dev.keel.sweep.prune;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.train.StepReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HyperbandPrunerTest {
    private static final RungMetric ACCURACY = RungMetric.of(Metric.named("val_accuracy"));

    private static PlannedTrial trial(String id) {
        TrialConfig c = TrialConfig.defaults();
        return new PlannedTrial(id, 0, 0, 1, c, c.toParams(), null);
    }

    /** The end of an epoch with this validation accuracy (10 steps an epoch). */
    private static StepReport epochEnd(int epoch, double accuracy) {
        return new StepReport(epoch * 10L, epoch, 0.5, 0.01, Double.NaN, Double.NaN, 1 - accuracy, accuracy, Map.of());
    }

    private static StepReport midEpoch(int epoch) {
        return new StepReport(epoch * 10L - 5, epoch, 0.5, 0.01, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Map.of());
    }

    @Test
    void rungsLieAtMinIterTimesPowersOfEtaAndTheFirstTrialAtARungAlwaysGoesOn() {
        HyperbandPruner pruner = new HyperbandPruner(2, 3, ACCURACY);
        Pruner.Watch first = pruner.watch(trial("a"));
        for (int epoch = 1; epoch <= 20; epoch++) {
            assertThat(first.observe(midEpoch(epoch))).isEmpty();
            assertThat(first.observe(epochEnd(epoch, 0.1))).as("epoch %d", epoch).isEmpty();
        }
        assertThat(pruner.recorded().keySet()).containsExactly(2, 6, 18);
    }

    @Test
    void aTrialOutsideTheBestThirdOfThoseBeforeItAtARungStopsWithAFindingThatSaysSo() {
        HyperbandPruner pruner = new HyperbandPruner(1, 3, ACCURACY);
        for (String id : List.of("a", "b", "c")) {
            pruner.watch(trial(id)).observe(epochEnd(1, id.equals("a") ? 0.9 : id.equals("b") ? 0.8 : 0.7));
        }
        // The (1 - 1/3) quantile of 0.7, 0.8, 0.9 is 0.8333.
        Optional<Finding> worse = pruner.watch(trial("d")).observe(epochEnd(1, 0.82));
        assertThat(worse).isPresent();
        Finding f = worse.get();
        assertThat(f.rule()).isEqualTo(Rule.PRUNED_HYPERBAND);
        assertThat(f.step()).isEqualTo(10L);
        assertThat(f.value()).isEqualTo(0.82);
        assertThat(f.threshold()).isCloseTo(0.8333, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(f.message()).isEqualTo("stopped early: val_accuracy 0.8200 after epoch 1 was outside the best 1/3"
                + " of the 3 trials that reached that epoch before it (at least 0.8333)");
        assertThat(pruner.watch(trial("e")).observe(epochEnd(1, 0.85))).isEmpty();
    }

    @Test
    void lossesAreRankedTheOtherWayAndANonFiniteValueIsWorseThanAny() {
        HyperbandPruner pruner = new HyperbandPruner(1, 2, RungMetric.of(Metric.named("val_loss")));
        pruner.watch(trial("a")).observe(epochEnd(1, 0.5));   // val_loss 0.5
        assertThat(pruner.watch(trial("b")).observe(epochEnd(1, 0.6))).as("loss 0.4").isEmpty();
        assertThat(pruner.watch(trial("c")).observe(epochEnd(1, 0.3))).as("loss 0.7").isPresent();
        StepReport nan = new StepReport(10, 1, 0.5, 0.01, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
        assertThat(pruner.watch(trial("d")).observe(nan)).as("no validation ran").isEmpty();
    }

    @Test
    void aResumedOrRemotePrunerKnowsTheStoredTrialsFromTheirTracesAndACopyJudgesAlike() throws Exception {
        HyperbandPruner live = new HyperbandPruner(1, 3, ACCURACY);
        HyperbandPruner resumed = new HyperbandPruner(1, 3, ACCURACY);
        for (String id : List.of("a", "b", "c")) {
            double accuracy = id.equals("a") ? 0.9 : id.equals("b") ? 0.8 : 0.7;
            Pruner.Watch w = live.watch(trial(id));
            w.observe(epochEnd(1, accuracy));
            w.observe(epochEnd(2, accuracy));
            w.observe(epochEnd(3, accuracy));
            TrialRecord record = new TrialRecord(id, Map.of(), 1, TrialStatus.COMPLETED, Verdict.STABLE, 0.9, null,
                    List.of(), Map.of(), 3, 30, 1, null);
            live.stored(record, () -> {
                throw new AssertionError("a trial it watched needs no trace");
            });
            resumed.stored(record, () -> trace(accuracy, 3));
        }
        assertThat(resumed.recorded()).isEqualTo(live.recorded()).containsOnlyKeys(1, 3);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(resumed);
        }
        HyperbandPruner copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (HyperbandPruner) in.readObject();
        }
        assertThat(copy.watch(trial("d")).observe(epochEnd(1, 0.82))).isPresent();
        assertThat(copy.watch(trial("e")).observe(epochEnd(1, 0.85))).isEmpty();
    }

    /** Ten steps an epoch, validated at each epoch's end with this accuracy. */
    private static Trace trace(double accuracy, int epochs) {
        Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS, Trace.VAL_LOSS, Trace.VAL_METRIC));
        for (int step = 1; step <= epochs * 10; step++) {
            b.addRow(step).set(Trace.EPOCH, (step - 1) / 10 + 1).set(Trace.LOSS, 0.5);
            if (step % 10 == 0) {
                b.set(Trace.VAL_LOSS, 1 - accuracy).set(Trace.VAL_METRIC, accuracy);
            }
        }
        return b.build();
    }
}
