package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The families of runs that keel's first classifier got wrong on logs it was not tuned on (issue 12), one test each,
 * on traces made here the way a training loop logs them: a minibatch loss every step with its epoch, a validation
 * pass at the end of each epoch, per-layer columns where the family has them. Each is also judged from
 * {@code step,epoch,loss} alone, as a user's cut-down log would be.
 */
class FailureFamiliesTest {
    private static final int STEPS_PER_EPOCH = 40;

    /** A run logged every step, with its epoch, and validation (loss, accuracy) at each epoch's last step. */
    private static Trace run(int epochs, IntToDoubleFunction loss, IntToDoubleFunction valLoss,
                             IntToDoubleFunction valAccuracy, Map<String, String> metadata) {
        Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS, Trace.VAL_LOSS, Trace.VAL_METRIC));
        b.metadataAll(metadata);
        for (int t = 1; t <= epochs * STEPS_PER_EPOCH; t++) {
            int epoch = (t - 1) / STEPS_PER_EPOCH + 1;
            b.addRow(t).set(0, epoch).set(1, loss.applyAsDouble(t));
            if (t % STEPS_PER_EPOCH == 0) {
                b.set(2, valLoss.applyAsDouble(epoch)).set(3, valAccuracy.applyAsDouble(epoch));
            }
        }
        return b.build();
    }

    private static Trace lossOnly(Trace t) {
        return new Trace(Map.of(), t.steps(), t.keepOnly(List.of(Trace.EPOCH, Trace.LOSS)).columns());
    }

    private static Verdict verdict(Trace t) {
        return StabilityClassifier.classify(t).verdict();
    }

    private static IntToDoubleFunction noise(double sd, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(sd * rnd.nextGaussian());
        }
        return t -> v[t];
    }

    /** Family 1: 20 sigmoid layers; the loss falls from a saturated 6.8 to ln 10 in 40 steps and sits there, with
     *  validation accuracy 0.10. Far as it fell, it learnt nothing. */
    @Test
    void aLossThatFallsFromASaturatedStartToLnKAndSitsThereIsVanishing() {
        IntToDoubleFunction jitter = noise(0.0005, 1);
        IntToDoubleFunction loss = t -> (t <= 40 ? 2.3026 + 4.5 * Math.exp(-t / 8.0) : 2.3026) * jitter.applyAsDouble(t);
        Trace withMetadata = run(6, loss, e -> 2.3027, e -> 0.10, Map.of("val_metric", "accuracy", "classes", "10",
                "chance_loss", "2.302"));
        Trace bare = run(6, loss, e -> 2.3027, e -> 0.10, Map.of("val_metric", "accuracy"));
        Diagnosis d = StabilityClassifier.classify(withMetadata);
        assertThat(d.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(d.findings().get(0).message()).contains("chance level");
        assertThat(verdict(bare)).isEqualTo(Verdict.VANISHING);
        assertThat(verdict(lossOnly(bare))).isEqualTo(Verdict.VANISHING);
    }

    /** Family 1, regression: an MSE that creeps down by 1% to the variance of its 0/1 targets (0.25). */
    @Test
    void anMseThatCreepsDownOnePercentToTheTargetVarianceIsVanishing() {
        IntToDoubleFunction jitter = noise(0.02, 2);
        Trace t = Traces.loss(400, s -> (0.25 + 0.0025 * Math.exp(-s / 100.0)) * jitter.applyAsDouble(s));
        assertThat(verdict(t)).isEqualTo(Verdict.VANISHING);
        Diagnosis told = StabilityClassifier.classify(t, ChanceLevel.given(0.25));
        assertThat(told.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(told.findings().get(0).rule()).isEqualTo(Rule.STALLED_AT_CHANCE);
    }

    /** Family 1, regression on a standardised target, from the loss alone (keel's own diabetes runs cut to
     *  step,epoch,loss): a deep sigmoid net falls from a large first loss to 1.0, the mean squared error of
     *  predicting the target's mean, and sits there; minibatches scatter it by a tenth. It fell a long way and
     *  learnt nothing. The same fall to 0.45 learnt. */
    @Test
    void aStandardisedRegressionPinnedAtOneLearntNothing() {
        Trace atOne = epochs(400, 20, step -> 1.0 + 2.0 * Math.exp(-step / 15.0), 0.1, 4);
        Diagnosis d = StabilityClassifier.classify(atOne);
        assertThat(d.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(d.findings().get(0).message()).contains("the variance of a standardised target");
        assertThat(verdict(epochs(400, 20, step -> 0.45 + 2.55 * Math.exp(-step / 15.0), 0.1, 4)))
                .isEqualTo(Verdict.STABLE);
        // a classifier's cross-entropy at 1.0 says nothing of the kind (ten classes: ln 10 = 2.30)
        Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS)).metadata("loss", "cross_entropy");
        for (int r = 0; r < atOne.size(); r++) {
            b.addRow(atOne.steps()[r]).set(0, atOne.column(Trace.EPOCH).orElseThrow().get(r))
                    .set(1, atOne.loss().get(r));
        }
        assertThat(verdict(b.build())).isNotEqualTo(Verdict.VANISHING);
    }

    private static Trace epochs(int steps, int perEpoch, IntToDoubleFunction level, double scatter, long seed) {
        Random rnd = new Random(seed);
        Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS));
        for (int s = 1; s <= steps; s++) {
            b.addRow(s).set(0, (s - 1) / perEpoch + 1).set(1, level.applyAsDouble(s) * Math.exp(scatter * rnd.nextGaussian()));
        }
        return b.build();
    }

    /** Family 1, from a Keras printout: 4 classes, and a loss that creeps 1.344, 1.262, 1.264, 1.248, 1.238 while the
     *  training accuracy stays at 0.4750 (418 of 880, the largest class) and the validation accuracy at 0.4455 at
     *  every pass: it predicts one class for every example, however its loss creeps. The same loss with a validation
     *  accuracy that climbs is a slow start, not a run that learnt nothing. */
    @Test
    void aCreepingLossWhoseAccuracyNeverMovesLearntNothing() {
        double[] loss = {1.3444, 1.2624, 1.2637, 1.2484, 1.2375};
        double[] train = {0.45, 0.475, 0.475, 0.475, 0.475};
        assertThat(verdict(perEpoch(loss, train, new double[] {0.4455, 0.4455, 0.4455, 0.4455, 0.4455})))
                .isEqualTo(Verdict.VANISHING);
        assertThat(verdict(perEpoch(loss, train, new double[] {0.4455, 0.4636, 0.4818, 0.5, 0.5227})))
                .isNotEqualTo(Verdict.VANISHING);
    }

    private static Trace perEpoch(double[] loss, double[] trainAccuracy, double[] valAccuracy) {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.TRAIN_METRIC, Trace.VAL_METRIC))
                .metadata("loss_rows", "epoch_mean").metadata(Trace.VAL_METRIC, "accuracy")
                .metadata(Trace.TRAIN_METRIC, "accuracy");
        for (int e = 0; e < loss.length; e++) {
            b.addRow(e + 1).set(0, loss[e]).set(1, trainAccuracy[e]).set(2, valAccuracy[e]);
        }
        return b.build();
    }

    /** Family 2: batches of 4 on easy data. The loss sits near 0.05 with single-batch spikes to 1-2.5 while the
     *  validation loss falls smoothly: minibatch noise, stable. */
    @Test
    void singleBatchSpikesOverALowLossWithASmoothValidationLossAreStable() {
        Random rnd = new Random(3);
        double[] spikes = new double[2001];
        for (int t = 0; t < spikes.length; t++) {
            spikes[t] = rnd.nextDouble() < 0.03 ? 1 + 1.5 * rnd.nextDouble() : 0;
        }
        IntToDoubleFunction jitter = noise(0.5, 4);
        IntToDoubleFunction loss = t -> spikes[t] > 0 ? spikes[t]
                : (0.05 + 1.0 * Math.exp(-t / 60.0)) * jitter.applyAsDouble(t);
        Trace t = run(50, loss, e -> 0.08 + 0.9 * Math.exp(-e / 3.0), e -> 0.97, Map.of("val_metric", "accuracy",
                "classes", "3", "chance_loss", "1.0986"));
        assertThat(verdict(t)).isEqualTo(Verdict.STABLE);
        assertThat(verdict(lossOnly(t))).isEqualTo(Verdict.STABLE);
    }

    /** Family 3: a per-epoch log (each row an epoch's mean) that jumps up and down by two orders of magnitude from
     *  epoch to epoch is not noise. */
    @Test
    void epochMeansJumpingByTwoOrdersOfMagnitudeAreOscillating() {
        double[] epochs = {0.52, 0.21, 0.09, 0.0017, 0.1019, 0.00035, 0.0504, 0.00019, 0.0623, 0.00077, 0.0297,
            0.0018, 0.045, 0.0009, 0.038, 0.0011, 0.051, 0.0007, 0.044, 0.0012};
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS)).metadata("loss_rows", "epoch_mean");
        for (int e = 0; e < epochs.length; e++) {
            b.addRow(e).set(0, epochs[e]);
        }
        Diagnosis d = StabilityClassifier.classify(b.build());
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
    }

    /** Family 3, around the start: a Keras log of epoch means (or validation passes) going 2.3, 46, 2.0, 72, 1.9,
     *  15, 2.0, 1934, 1.7, 1.5, 2.3. Each jump comes back to where it left, so the high rows are swings, not a
     *  blow-up the run never recovered from (it never got below half its start, which is why a single excursion
     *  like these would be one). A run that jumps like that once and stays up is still lost (the next test). */
    @Test
    void aLossThatJumpsTenfoldAndComesBackEpochAfterEpochIsOscillating() {
        double[] epochs = {2.33, 46.5, 2.04, 72.3, 1.93, 15.2, 1.98, 1934, 1.67, 1.48, 2.31};
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS)).metadata("loss_rows", "epoch_mean");
        for (int e = 0; e < epochs.length; e++) {
            b.addRow(e + 1).set(0, epochs[e]);
        }
        assertThat(verdict(b.build())).isEqualTo(Verdict.OSCILLATING);
        double[] once = {2.33, 2.1, 2.04, 72.3, 19.3, 15.2, 11.98, 9.4, 8.67, 8.48, 8.31};
        Trace.Builder up = Trace.builder(List.of(Trace.LOSS)).metadata("loss_rows", "epoch_mean");
        for (int e = 0; e < once.length; e++) {
            up.addRow(e + 1).set(0, once[e]);
        }
        assertThat(verdict(up.build())).isEqualTo(Verdict.DIVERGING);
    }

    /** Family 3: heavy-ball momentum too high. The training loss creeps down; the validation loss jumps by +-50%
     *  between evaluations. */
    @Test
    void aValidationLossJumpingFiftyPercentBetweenEvaluationsIsOscillating() {
        IntToDoubleFunction jitter = noise(0.25, 5);
        IntToDoubleFunction loss = t -> (0.3 + 2.0 * Math.exp(-t / 150.0)) * jitter.applyAsDouble(t);
        Trace t = run(30, loss, e -> (0.45 + 1.5 * Math.exp(-e / 2.0)) * (e % 2 == 0 ? 1.5 : 0.67), e -> 0.85,
                Map.of("val_metric", "accuracy", "classes", "10", "chance_loss", "2.302"));
        Diagnosis d = StabilityClassifier.classify(t);
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(d.findings().get(0).rule()).isEqualTo(Rule.VALIDATION_SWINGS);
    }

    /** Family 3: Adam at 0.1 falls once, then bounces in a wide band far above its best, with most ReLUs dead and
     *  updates of 2-30% of the weights. Its own evidence says why it is not settled. */
    @Test
    void aWideBandFarAboveTheBestWithOversizedUpdatesIsOscillating() {
        Random rnd = new Random(6);
        List<String> columns = new ArrayList<>(List.of(Trace.EPOCH, Trace.LOSS, Trace.VAL_LOSS, "update_ratio/dense_0",
                "update_ratio/output", "dead_fraction/dense_0"));
        Trace.Builder b = Trace.builder(columns).metadata("classes", "10").metadata("chance_loss", "2.302");
        double level = 1.4;
        for (int t = 1; t <= 1200; t++) {
            level = t < 60 ? 2.3 - 1.6 * t / 60.0 : Math.max(0.6, Math.min(2.0, level * Math.exp(0.08 * rnd.nextGaussian())));
            b.addRow(t).set(0, (t - 1) / 40 + 1).set(1, level * Math.exp(0.3 * rnd.nextGaussian()));
            if (t % 40 == 0) {
                b.set(2, level * 1.1);
            }
            if (t % 10 == 0) {
                b.set(3, 0.02 + 0.1 * rnd.nextDouble()).set(4, 0.05 + 0.2 * rnd.nextDouble()).set(5, 0.8);
            }
        }
        assertThat(verdict(b.build())).isEqualTo(Verdict.OSCILLATING);
    }

    /** Family 4: a short per-epoch log that goes up ten orders of magnitude for one epoch, then sits flat above its
     *  start: diverging, not vanishing. */
    @Test
    void explodeThenFlatAboveTheStartIsDiverging() {
        double[] epochs = {0.69, 4.1e9, 0.93, 0.931, 0.93, 0.93, 0.931, 0.93, 0.93, 0.93};
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS)).metadata("loss_rows", "epoch_mean");
        for (int e = 0; e < epochs.length; e++) {
            b.addRow(e).set(0, epochs[e]);
        }
        Diagnosis d = StabilityClassifier.classify(b.build());
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
    }

    /** Family 5: a cost of inf at the very first step (a huge initialisation), then a normal descent. */
    @Test
    void oneNonFiniteLossAtTheVeryStartThenANormalDescentIsStable() {
        IntToDoubleFunction jitter = noise(0.2, 7);
        Trace t = Traces.loss(400, s -> s == 0 ? Double.POSITIVE_INFINITY
                : (0.1 + 2.2 * Math.exp(-s / 50.0)) * jitter.applyAsDouble(s));
        Diagnosis d = StabilityClassifier.classify(t);
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(d.findings()).extracting(f -> f.rule()).contains(Rule.NON_FINITE_START);
        assertThat(DivergenceMonitorTest.replay(t).shouldStop()).isFalse();
    }

    /** Family 6: fine-tuning a pretrained model. The loss falls within the first few logged points, then declines
     *  slowly in a noisy band; it never gets a third below its second point. */
    @Test
    void aFineTuningLogThatDropsEarlyThenDeclinesSlowlyIsStable() {
        IntToDoubleFunction jitter = noise(0.08, 8);
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.LR)).metadata("loss_rows", "window_mean");
        for (int i = 0; i < 300; i++) {
            double trend = i < 3 ? 2.7 - 0.45 * i : 1.8 - 0.25 * i / 300.0;
            b.addRow(10L * (i + 1)).set(0, trend * jitter.applyAsDouble(i)).set(1, 2e-4 * (1 - i / 300.0));
        }
        assertThat(verdict(b.build())).isEqualTo(Verdict.STABLE);
    }
}
