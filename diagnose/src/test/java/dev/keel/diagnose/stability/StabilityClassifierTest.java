package dev.keel.diagnose.stability;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Verdict;

import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The hard cases of issue 4 and docs/DESIGN.md, one test each. */
class StabilityClassifierTest {
    private static Diagnosis classify(Trace t) {
        return StabilityClassifier.classify(t);
    }

    private static List<String> rules(Diagnosis d) {
        return d.findings().stream().map(f -> f.rule().token()).toList();
    }

    @Test
    void minibatchNoiseAroundAFallingLossIsStable() {
        Diagnosis d = classify(Traces.loss(600, Traces.noisyDecay(2.3, 0.1, 100, 0.35, 1)));
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(d.firstDetectedStep()).isNull();
    }

    @Test
    void aLossThatRisesSlowlyForAWhileThenRecoversIsNotDiverging() {
        IntToDoubleFunction noise = Traces.noise(1, 0.1, 2);
        IntToDoubleFunction curve = t -> {
            double trend = t < 200 ? 2.3 * Math.exp(-t / 50.0) + 0.2
                    : t < 300 ? 0.24 * (1 + 2.0 * (t - 200) / 100.0)
                    : 0.72 * Math.exp(-(t - 300) / 60.0) + 0.1;
            return trend * noise.applyAsDouble(t);
        };
        assertThat(classify(Traces.loss(600, curve)).verdict()).isEqualTo(Verdict.STABLE);
    }

    /** A log that stops while the loss is blowing up: it fell 45-fold, then climbed back 40-fold over the last
     *  quarter and was still climbing. The tail's median lags the climb; where the log ended does not. A milder
     *  rise at the end (3-fold) is not lost progress. */
    @Test
    void aLossStillClimbingBackTowardsItsStartWhenTheLogEndsIsDiverging() {
        IntToDoubleFunction noise = Traces.noise(1, 0.1, 4);
        IntToDoubleFunction blowingUp = t -> (t < 450 ? 2.3 * Math.exp(-t / 60.0) + 0.05
                : 0.05 * Math.exp((t - 450) / 40.0)) * noise.applyAsDouble(t);
        Diagnosis d = classify(Traces.loss(600, blowingUp));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(rules(d)).first().isEqualTo("still_climbing");
        assertThat(d.findings().get(0).message()).contains("still rising");

        IntToDoubleFunction mildRise = t -> (t < 450 ? 2.3 * Math.exp(-t / 60.0) + 0.05
                : 0.05 * Math.exp((t - 450) / 137.0)) * noise.applyAsDouble(t);
        assertThat(classify(Traces.loss(600, mildRise)).verdict()).isNotEqualTo(Verdict.DIVERGING);
    }

    /** The catapult phase seen in keel's own full-batch DL4J runs: the loss falls 40x in three steps, spikes to
     *  several times the median of its first five but stays below its untrained value, then converges. */
    @Test
    void aCatapultThatStaysBelowTheUntrainedLossAndConvergesIsStableAndNeverStopped() {
        double[] head = {11.9, 8.7, 0.64, 0.28, 0.16, 0.14, 0.2, 0.36, 0.78, 1.6, 3.2, 4.2, 3.7, 0.77, 0.13};
        IntToDoubleFunction curve = t -> t < head.length ? head[t] : 0.015 + 0.04 * Math.exp(-(t - head.length) / 80.0);
        Trace trace = Traces.loss(600, curve);
        assertThat(classify(trace).verdict()).isEqualTo(Verdict.STABLE);
        assertThat(DivergenceMonitorTest.replay(trace).shouldStop()).isFalse();
    }

    /** keel's own DL4J runs at SGD 1.49 on digits: they learn, oversized steps kill the ReLUs, and the loss goes
     *  back to chance and flat without ever reaching 4x its start (docs/DESIGN.md: a blow-up followed by a flat, dead
     *  loss is diverging). The same return with the noise it had while learning is not called dead. */
    @Test
    void aRunThatLearnsThenGoesBackToChanceAndFlatIsDivergingButANoisyReturnIsNot() {
        IntToDoubleFunction learning = Traces.noise(1, 0.25, 7);
        IntToDoubleFunction dead = Traces.noise(1, 0.01, 8);
        IntToDoubleFunction curve = t -> t < 60 ? (0.8 + 1.5 * Math.exp(-t / 10.0)) * learning.applyAsDouble(t)
                : 2.3 * dead.applyAsDouble(t);
        Diagnosis d = classify(Traces.loss(200, curve));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(rules(d)).startsWith("back_to_chance");
        IntToDoubleFunction noisyReturn = t -> t < 60 ? (0.8 + 1.5 * Math.exp(-t / 10.0)) * learning.applyAsDouble(t)
                : 2.3 * learning.applyAsDouble(t);
        assertThat(classify(Traces.loss(200, noisyReturn)).verdict()).isNotEqualTo(Verdict.DIVERGING);
    }

    /** Full-batch gradient descent past the edge of stability (keel's own DL4J runs on diabetes): the loss
     *  alternates by about 5% a step to the end, with nothing else moving. */
    @Test
    void aPeriodTwoCycleOfFivePercentAStepIsOscillating() {
        IntToDoubleFunction loss = t -> (0.15 + 2.3 * Math.exp(-t / 20.0)) * (t % 2 == 0 ? 1.05 : 0.95);
        Diagnosis d = classify(Traces.loss(600, loss));
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(rules(d)).startsWith("flip_flop");
    }

    /** Full-batch spikes that keep coming back (keel's own DL4J runs: SGD at 2 on spirals): a smooth loss jumps
     *  to 4-6x its level and decays back over a few steps, again and again. */
    @Test
    void recurringSurgesFarBeyondTheRunsOwnNoiseAreOscillating() {
        IntToDoubleFunction loss = t -> {
            double base = 0.1 + 0.7 * Math.exp(-t / 60.0);
            int since = t % 70;
            return t > 100 && since < 8 ? base * (1 + 4.5 * Math.exp(-since / 2.0)) : base;
        };
        Diagnosis d = classify(Traces.loss(800, loss));
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(rules(d)).startsWith("recurring_spikes");
    }

    /** Full-batch gradient descent past its edge, as PyTorch's SGD at 0.5 on friedman logs it: the loss settles
     *  near 0.09, then climbs over ten to twenty steps to 3-6x that and comes back, again and again. Each step
     *  moves a few percent (successive changes correlate positively: no noise in it), so no single row turns by
     *  much; the legs are what swing. */
    @Test
    void slowRecurringSurgesOfAFullBatchLossAreOscillating() {
        IntToDoubleFunction loss = t -> {
            double base = 0.09 + 0.7 * Math.exp(-t / 8.0);
            double phase = (t % 60) / 60.0;
            double surge = t > 40 && phase > 0.6 ? Math.sin(Math.PI * (phase - 0.6) / 0.4) : 0;
            return base * (1 + 3.5 * surge * surge);
        };
        Diagnosis d = classify(Traces.loss(400, loss));
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(rules(d)).startsWith("epoch_swings");
    }

    /** The same full-batch descent rising once and coming back (a catapult), then settling, learnt and settled. */
    @Test
    void oneFullBatchCatapultThenASmoothDescentIsStable() {
        IntToDoubleFunction loss = t -> {
            double base = 0.09 + 0.7 * Math.exp(-t / 8.0);
            double surge = t >= 60 && t < 84 ? Math.sin(Math.PI * (t - 60) / 24.0) : 0;
            return base * (1 + 3.5 * surge * surge);
        };
        assertThat(classify(Traces.loss(400, loss)).verdict()).isEqualTo(Verdict.STABLE);
    }

    /** Warm restarts on a smooth full-batch loss: every 40 or 80 steps the loss jumps 1.3-4x within one to three
     *  steps (the rate reset) and decays slowly back. A schedule, not the optimisation swinging: stable. */
    @Test
    void aSawtoothOfWarmRestartsIsStable() {
        for (double jump : new double[] {1.3, 2, 4}) {
            for (int period : new int[] {40, 80}) {
                for (int rise : new int[] {1, 3}) {
                    IntToDoubleFunction loss = t -> {
                        double base = 0.1 + 0.7 * Math.exp(-t / 30.0);
                        int since = t % period;
                        double bump = t < period ? 1 : since < rise ? 1 + (jump - 1) * (since + 1) / (double) rise
                                : 1 + (jump - 1) * Math.exp(-(since - rise) / (period / 5.0));
                        return base * bump;
                    };
                    assertThat(classify(Traces.loss(400, loss)).verdict())
                            .as("jump %s every %d steps, rising over %d", jump, period, rise).isEqualTo(Verdict.STABLE);
                }
            }
        }
    }

    /**
     * Warm restarts that ramp the rate back up over ten steps, every 40 steps, on a smooth (full-batch) loss: the
     * loss climbs for as long as the rate does and falls again, which leg by leg looks like a swing. With the rate
     * logged beside the loss, each climb came while the rate was raised, so it is the schedule: stable. The same loss
     * with a constant rate logged is the optimisation swinging by itself: oscillating.
     */
    @Test
    void slowWarmRestartsAreTheScheduleWhenTheRateIsLogged() {
        int period = 40;
        int ramp = 10;
        IntToDoubleFunction rate = t -> {
            int since = t % period;
            double top = 0.1;
            return since < ramp ? top * (0.05 + 0.95 * (since + 1) / (double) ramp)
                    : top * 0.5 * (1 + Math.cos(Math.PI * (since - ramp) / (period - ramp)));
        };
        IntToDoubleFunction loss = t -> {
            double base = 0.1 + 0.7 * Math.exp(-t / 30.0);
            int since = t % period;
            double bump = t < period ? 1 : since < ramp ? 1 + 1.5 * (since + 1) / (double) ramp
                    : 1 + 1.5 * Math.exp(-(since - ramp) / 6.0);
            return base * bump;
        };
        assertThat(classify(withRate(400, loss, rate)).verdict()).as("rate logged").isEqualTo(Verdict.STABLE);
        assertThat(classify(withRate(400, loss, t -> 0.1)).verdict()).as("constant rate")
                .isEqualTo(Verdict.OSCILLATING);
    }

    /** Heavy-ball SGD at 0.99 and 0.3 on spirals, from the loss alone: the epoch means fall from 0.7 to 0.25, then the
     *  momentum throws the net back up, and from the middle of the run the loss sits at 0.75-0.85, above where it
     *  began, to the end. Without a chance level the start stands in for it: what it learnt is lost. A run whose
     *  averaged loss never got a third below its start (only single minibatches did) has lost nothing. */
    @Test
    void aLossOnlyRunThatLearntAndWentBackAboveItsStartDiverged() {
        java.util.Random rnd = new java.util.Random(8);
        Trace.Builder lost = Trace.builder(java.util.List.of(Trace.EPOCH, Trace.LOSS));
        Trace.Builder never = Trace.builder(java.util.List.of(Trace.EPOCH, Trace.LOSS));
        for (int t = 1; t <= 600; t++) {
            double level = t < 200 ? 0.25 + 0.45 * Math.exp(-t / 40.0) : t < 260 ? 0.25 + 0.55 * (t - 200) / 60.0 : 0.8;
            lost.addRow(t).set(0, (t - 1) / 20 + 1).set(1, level * Math.exp(0.3 * rnd.nextGaussian()));
            never.addRow(t).set(0, (t - 1) / 20 + 1).set(1, (0.6 + 0.1 * Math.exp(-t / 40.0)) * Math.exp(0.3 * rnd.nextGaussian()));
        }
        Diagnosis d = classify(lost.build());
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.findings().get(0).message()).contains("went back to its start or above");
        assertThat(classify(never.build()).verdict()).isNotEqualTo(Verdict.DIVERGING);
    }

    /** Adam on iris, as the torch source's stable run records it: minibatches of 8 fall smoothly to about 0.05,
     *  and the validation loss on 30 examples wobbles between 0.04 and 0.13 pass to pass, its accuracy between 27
     *  and 30 of 30. Each turn moves the summed loss by a nat or two: one example changing its mind. Stable; the
     *  same wobble on a set of 3,000 examples (hundreds moving together) is the optimisation swinging, and so is a
     *  loss bouncing between 0.001 and 0.04 on the 30 examples (threefold and more counts whatever the set's size). */
    @Test
    void aSmallValidationSetsWobbleIsItsGrainNotASwing() {
        java.util.Random rnd = new java.util.Random(3);
        double[] wobble = new double[60];
        double[] bounce = new double[60];
        double[] accuracy = new double[60];
        for (int e = 0; e < 60; e++) {
            double settled = 0.08 + 0.5 * Math.exp(-e / 4.0);
            wobble[e] = settled * Math.exp(0.25 * rnd.nextGaussian());
            bounce[e] = e < 10 ? settled : (e % 2 == 0 ? 0.001 : 0.04) * Math.exp(0.2 * rnd.nextGaussian());
            accuracy[e] = (27 + rnd.nextInt(4)) / 30.0;
        }
        assertThat(classify(smallValidationSet(wobble, accuracy, null)).verdict()).as("30 examples, read from the"
                + " accuracy's steps of 1/30").isEqualTo(Verdict.STABLE);
        assertThat(rules(classify(smallValidationSet(wobble, accuracy, "3000")))).as("3,000 examples")
                .startsWith("validation_swings");
        assertThat(rules(classify(smallValidationSet(bounce, accuracy, null)))).as("bouncing fortyfold")
                .startsWith("validation_swings");
    }

    private static Trace smallValidationSet(double[] valLoss, double[] accuracy, String valExamples) {
        Trace.Builder b = Trace.builder(java.util.List.of(Trace.EPOCH, Trace.LOSS, Trace.VAL_LOSS, Trace.VAL_METRIC))
                .metadata(Trace.VAL_METRIC, "accuracy").metadata(Trace.META_CLASSES, "3")
                .metadata(Trace.META_CHANCE_LOSS, "1.098612");
        if (valExamples != null) {
            b.metadata(Trace.META_VAL_EXAMPLES, valExamples);
        }
        java.util.Random rnd = new java.util.Random(9);
        int perEpoch = 15;
        for (int e = 0; e < valLoss.length; e++) {
            for (int i = 0; i < perEpoch; i++) {
                long step = (long) e * perEpoch + i + 1;
                b.addRow(step).set(0, e + 1).set(1, (0.04 + 1.0 * Math.exp(-step / 60.0)) * Math.exp(0.6 * rnd.nextGaussian()));
                if (i == perEpoch - 1) {
                    b.set(2, valLoss[e]).set(3, Math.round(accuracy[e] * 1e6) / 1e6);
                }
            }
        }
        return b.build();
    }

    private static Trace withRate(int steps, IntToDoubleFunction loss, IntToDoubleFunction rate) {
        Trace.Builder b = Trace.builder(java.util.List.of(Trace.LOSS, Trace.LR));
        for (int t = 0; t < steps; t++) {
            b.addRow(t).set(0, loss.applyAsDouble(t)).set(1, rate.applyAsDouble(t));
        }
        return b.build();
    }

    /** A loss-only log of minibatches (no validation to witness) from SGD at too large a rate: the net keeps
     *  jumping to worse weights, so for an epoch or two nearly every batch's loss doubles, not just a few hard
     *  ones, and the epoch's typical batch comes back down after. That moves the epoch mean without its highest
     *  batches; one-batch spikes do not (the next test). */
    @Test
    void wholeEpochsThatBounceUpInALossOnlyLogAreOscillating() {
        java.util.Random rnd = new java.util.Random(5);
        double[] v = new double[1500];
        for (int t = 0; t < v.length; t++) {
            int epoch = t / 30;
            double level = 0.05 + 0.6 * Math.exp(-epoch / 4.0);
            double bounce = epoch > 15 && epoch % 9 < 2 ? 2.5 : 1;
            v[t] = level * bounce * Math.exp(0.8 * rnd.nextGaussian());
        }
        Trace.Builder b = Trace.builder(java.util.List.of(Trace.EPOCH, Trace.LOSS));
        for (int t = 0; t < v.length; t++) {
            b.addRow(t).set(0, t / 30).set(1, v[t]);
        }
        Diagnosis d = classify(b.build());
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(rules(d)).startsWith("epoch_swings");
    }

    /** Minibatches of 4 on a converged classifier, as keel's own DL4J run (Adam 0.01 on iris) records it: the
     *  loss of a batch spans four decades around 0.005 (log-sd about 2.8), and a batch holding a hard example
     *  jumps to 0.5-1.8 now and then. That is minibatch noise, not oscillation; the old plain 10x spike rule
     *  called the real run oscillating. */
    @Test
    void hardExampleSpikesOnANoisyConvergedLossAreStable() {
        java.util.Random rnd = new java.util.Random(11);
        double[] v = new double[520];
        for (int t = 0; t < v.length; t++) {
            double level = 0.005 + 1.7 * Math.exp(-t / 30.0);
            // an untrained model's batches all read about ln 3; the spread grows as the model gets sure
            double spread = 2.5 * (1 - Math.exp(-t / 60.0));
            double base = level * Math.exp(spread * rnd.nextGaussian());
            v[t] = t > 100 && rnd.nextDouble() < 0.03 ? 0.5 + 1.3 * rnd.nextDouble() : Math.min(base, 3);
        }
        assertThat(classify(Traces.loss(v.length, t -> v[t])).verdict()).isEqualTo(Verdict.STABLE);
    }

    @Test
    void aRunThatIsNaNFromItsFirstStepIsDivergingFromThatStep() {
        Diagnosis d = classify(Traces.loss(30, t -> Double.NaN));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.firstDetectedStep()).isZero();
        assertThat(d.confidence()).isEqualTo(1.0);
        assertThat(rules(d)).startsWith("non_finite_loss");
    }

    @Test
    void aFlatLossAtLnKIsVanishingWhateverTheGradientsButElsewhereWithHealthyGradientsItIsAPlateau() {
        Diagnosis atChance = classify(Traces.withGradients(300, Traces.noise(2.3, 0.03, 3), t -> 0.8, t -> 1.0));
        assertThat(atChance.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(rules(atChance)).startsWith("stalled_at_chance");
        Diagnosis unknown = classify(Traces.withGradients(300, Traces.noise(1.7, 0.03, 3), t -> 0.8, t -> 1.0));
        assertThat(unknown.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(rules(unknown)).contains("plateau");
    }

    @Test
    void aFlatLossWithVanishingFirstLayerGradientsIsVanishing() {
        Diagnosis d = classify(Traces.withGradients(300, Traces.noise(2.3, 0.03, 4), t -> 1e-9, t -> 0.5));
        assertThat(d.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(d.findings().get(0).rule().token()).isEqualTo("vanishing_gradient");
        assertThat(d.findings().get(0).layer()).isEqualTo("dense_0");
        assertThat(d.confidence()).isGreaterThan(Thresholds.LOSS_ONLY_VANISHING_CONFIDENCE);
    }

    /** A deep tanh stack with N(0, 1) weights (keel's own DL4J run on spirals): the output layer drops the loss
     *  from its saturated start to the class priors in a few steps, then nothing moves. */
    @Test
    void anEarlyDropToChanceThenNothingIsVanishingAndTheGradientsSayWhy() {
        IntToDoubleFunction noise = Traces.noise(1, 0.03, 9);
        IntToDoubleFunction loss = t -> (0.69 + 0.8 * Math.exp(-t / 5.0)) * noise.applyAsDouble(t);
        Diagnosis vanishing = classify(Traces.withGradients(500, loss, t -> 1e-7, t -> 0.3));
        assertThat(vanishing.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(rules(vanishing)).startsWith("vanishing_gradient");
        assertThat(vanishing.findings().get(0).message()).contains("chance level 0.693 = ln 2");
        Diagnosis healthyGradients = classify(Traces.withGradients(500, loss, t -> 0.3, t -> 0.3));
        assertThat(healthyGradients.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(rules(healthyGradients)).startsWith("stalled_at_chance");
    }

    @Test
    void aFlatLossAloneIsVanishingWithLowerConfidence() {
        Diagnosis d = classify(Traces.loss(300, Traces.noise(Math.log(26), 0.03, 5)));
        assertThat(d.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(d.confidence()).isLessThanOrEqualTo(Thresholds.LOSS_ONLY_VANISHING_CONFIDENCE);
        assertThat(rules(d)).startsWith("flat_loss");
    }

    @Test
    void aBlowUpToTheDl4jCrossEntropyCapWithoutNaNIsDiverging() {
        IntToDoubleFunction noise = Traces.noise(1, 0.05, 6);
        Diagnosis d = classify(Traces.loss(300, t -> (t < 50 ? 2.3 * Math.exp(-t / 20.0) + 0.3 : 20.7) * noise.applyAsDouble(t)));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.firstDetectedStep()).isBetween(50L, 56L);
    }

    @Test
    void aBlowUpFollowedByAFlatDeadLossIsDiverging() {
        // Learns to 0.05, blows up for a few steps, then every ReLU is dead and the loss sits at chance.
        IntToDoubleFunction noise = Traces.noise(1, 0.05, 7);
        Diagnosis d = classify(Traces.loss(400, t -> (t < 150 ? 2.3 * Math.exp(-t / 30.0) + 0.05
                : t < 154 ? 9 : 2.3) * noise.applyAsDouble(t)));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(rules(d)).startsWith("lost_progress");
    }

    @Test
    void aLossThatFlipsUpAndDownOnAlternateStepsIsOscillating() {
        IntToDoubleFunction noise = Traces.noise(1, 0.05, 8);
        Diagnosis d = classify(Traces.loss(300, t -> (1 + Math.exp(-t / 80.0)) * (t % 2 == 0 ? 1.0 : 0.4)
                * noise.applyAsDouble(t)));
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
        assertThat(rules(d)).startsWith("flip_flop");
    }

    @Test
    void spikesOfAnOrderOfMagnitudeThatKeepComingBackAreOscillating() {
        IntToDoubleFunction noise = Traces.noise(1, 0.1, 9);
        Diagnosis d = classify(Traces.loss(600, t -> (t % 70 >= 60 && t % 70 < 63 ? 2.0
                : 2.3 * Math.exp(-t / 60.0) + 0.02) * noise.applyAsDouble(t)));
        assertThat(d.verdict()).isEqualTo(Verdict.OSCILLATING);
    }

    @Test
    void verdictsIgnoreLossScaleAndStepNumbering() {
        Trace base = Traces.loss(400, Traces.noisyDecay(5000, 300, 80, 0.25, 10));
        Trace scaled = Traces.loss(400, t -> Traces.noisyDecay(5000, 300, 80, 0.25, 10).applyAsDouble(t) / 2000);
        assertThat(classify(base).verdict()).isEqualTo(Verdict.STABLE).isEqualTo(classify(scaled).verdict());
    }

    @Test
    void reportsOverfittingBesideAStableVerdict() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.VAL_LOSS));
        IntToDoubleFunction train = Traces.noisyDecay(2.3, 0.01, 60, 0.2, 11);
        for (int t = 0; t < 500; t++) {
            b.addRow(t).set(0, train.applyAsDouble(t));
            if (t % 50 == 49) {
                int epoch = t / 50;
                b.set(1, epoch < 3 ? 1.0 - 0.2 * epoch : 0.6 + 0.15 * (epoch - 3));
            }
        }
        Diagnosis d = classify(b.build());
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(rules(d)).contains("overfitting");
        assertThat(d.findings()).filteredOn(f -> f.rule().token().equals("overfitting")).first()
                .extracting(Finding::step).isEqualTo(149L);
    }

    /** keel's DL4J SGD-1.49 digits run that kept a few units: training and validation loss both rose from their
     *  best. That run gave back progress; it did not overfit. */
    @Test
    void aRunWhoseTrainingLossRoseBackGaveBackProgressAndIsNotCalledOverfitting() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.VAL_LOSS));
        IntToDoubleFunction noise = Traces.noise(1, 0.15, 13);
        double[] val = {1.35, 2.16, 2.22, 2.29, 3.79};
        for (int t = 0; t < 200; t++) {
            double trend = t < 50 ? 2.7 - 2.2 * t / 50.0 : 2.0;
            b.addRow(t).set(0, trend * noise.applyAsDouble(t));
            if (t % 40 == 39) {
                b.set(1, val[t / 40]);
            }
        }
        Diagnosis d = classify(b.build());
        assertThat(rules(d)).contains("gave_back_progress").doesNotContain("overfitting");
    }

    @Test
    void reportsUpdateRatiosOutsideTheGuideline() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, "update_ratio/dense_0", "update_ratio/output"));
        IntToDoubleFunction loss = Traces.noisyDecay(2.3, 0.1, 50, 0.2, 12);
        for (int t = 0; t < 200; t++) {
            b.addRow(t).set(0, loss.applyAsDouble(t)).set(1, 3e-6).set(2, 0.05);
        }
        Diagnosis d = classify(b.build());
        assertThat(d.findings()).extracting(Finding::rule, Finding::layer)
                .contains(org.assertj.core.groups.Tuple.tuple(dev.keel.diagnose.Rule.UPDATE_RATIO_LOW, "dense_0"),
                        org.assertj.core.groups.Tuple.tuple(dev.keel.diagnose.Rule.UPDATE_RATIO_HIGH, "output"));
    }

    @Test
    void aNonFiniteGradientNormIsDivergingEvenBeforeTheLossShowsIt() {
        Diagnosis d = classify(Traces.withGradients(100, Traces.noisyDecay(2.3, 0.1, 30, 0.1, 13),
                t -> t == 40 ? Double.POSITIVE_INFINITY : 0.5, t -> 1.0));
        assertThat(d.verdict()).isEqualTo(Verdict.DIVERGING);
        assertThat(d.firstDetectedStep()).isEqualTo(40L);
    }

    @Test
    void emptyAndTinyTracesGetAVerdictWithoutThrowing() {
        assertThat(classify(Traces.loss(0, t -> 1)).confidence()).isZero();
        assertThat(classify(Traces.loss(1, t -> 1)).verdict()).isEqualTo(Verdict.STABLE);
        assertThat(classify(Trace.builder(List.of("lr")).addRow(1).build()).findings()).extracting(Finding::rule)
                .containsExactly(dev.keel.diagnose.Rule.NO_LOSS);
    }

    @Test
    void negativeLossesAreJudgedOnTheirShape() {
        // A log-likelihood objective that falls from 0 to -50 with noise: stable, not "non-positive garbage".
        Diagnosis d = classify(Traces.loss(400, t -> -50 * (1 - Math.exp(-t / 60.0)) + Traces.noise(1, 0.3, 14)
                .applyAsDouble(t)));
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
    }
}
