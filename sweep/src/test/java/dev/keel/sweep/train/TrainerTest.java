package dev.keel.sweep.train;

import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceCsvWriter;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A whole trial, end to end on real data: the "done when" cases and how a trial ends. */
class TrainerTest {
    private static final PreparedData CANCER = TestDatasets.breastCancer();
    private static final PreparedData IRIS = TestDatasets.iris();

    private static TrialConfig config(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TrialConfig.fromParams(m);
    }

    private static TrialOutcome train(TrialConfig c, PreparedData data, long seed) {
        return new Trainer().train(c, data, seed, StopHook.NEVER);
    }

    private static List<Double> present(Trace t, String column) {
        Trace.Column c = t.column(column).orElseThrow();
        List<Double> v = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (c.has(r)) {
                v.add(c.get(r));
            }
        }
        return v;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    @Test
    void adamOnStandardisedBreastCancerLearnsAndItsLossFalls() {
        TrialOutcome o = train(config("optimizer", "adam", "learning_rate", 0.001, "weight_init", "he",
                "preprocess", "standardize", "epochs", 15), CANCER, 1);
        assertThat(o.metrics().get("test_accuracy")).isGreaterThanOrEqualTo(0.93);
        assertThat(o.metrics().get("val_accuracy")).isGreaterThanOrEqualTo(0.9);
        assertThat(o.metrics().get("test_f1_macro")).isGreaterThan(0.9);
        List<Double> loss = present(o.trace(), Trace.LOSS);
        int perEpoch = (int) Math.ceil(CANCER.train().rows() / 32.0);
        assertThat(mean(loss.subList(loss.size() - perEpoch, loss.size())))
                .isLessThan(0.3 * mean(loss.subList(0, perEpoch)));
        List<Double> val = present(o.trace(), Trace.VAL_LOSS);
        assertThat(val.get(val.size() - 1)).isLessThan(val.get(0));
    }

    @Test
    void theTraceNamesTheLossOfPredictingTheTrainingPriorsOrTheMean() {
        TrialOutcome iris = train(config("epochs", 1), IRIS, 1);
        double[] counts = new double[3];
        for (double t : IRIS.train().targets()) {
            counts[(int) t]++;
        }
        double entropy = 0;
        for (double c : counts) {
            entropy -= c / IRIS.train().rows() * Math.log(c / IRIS.train().rows());
        }
        assertThat(iris.trace().metadata()).containsEntry("classes", "3")
                .containsEntry("val_examples", String.valueOf(IRIS.validation().rows()));
        assertThat(Double.parseDouble(iris.trace().metadata().get("chance_loss"))).isCloseTo(entropy, within(1e-6))
                .isCloseTo(Math.log(3), within(0.01));
        TrialOutcome diabetes = train(config("epochs", 1), TestDatasets.diabetes(), 1);
        assertThat(diabetes.trace().metadata()).containsEntry("chance_loss", "1.0").doesNotContainKey("classes");
    }

    @Test
    void sgdAtRateTenOnRawFeaturesBlowsUpInTheTraceWithoutAnException() {
        TrialOutcome o = train(config("optimizer", "sgd", "learning_rate", 10.0, "activation", "relu",
                "gradient_clipping", "none", "preprocess", "none", "epochs", 5), CANCER, 1);
        Trace t = o.trace();
        List<Double> loss = present(t, Trace.LOSS);
        // Cross-entropy is capped near 23 nats per example, so the blow-up is a jump, not necessarily a NaN.
        double best = Double.POSITIVE_INFINITY;
        boolean blewUp = false;
        for (double l : loss) {
            if (!Double.isFinite(l) || l > best + 3 && l > 1.5 * best) {
                blewUp = true;
            }
            best = Math.min(best, l);
        }
        assertThat(blewUp).as("loss non-finite or far above its best: %s", loss.subList(0, Math.min(30, loss.size()))).isTrue();
        List<Double> norm = present(t, "param_norm/dense_0");
        double first = norm.get(0);
        double largest = norm.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElseThrow();
        assertThat(largest).as("parameter norm grows by orders of magnitude").isGreaterThan(100 * first);
    }

    @Test
    void twentySigmoidLayersWithNaiveNormalInitVanishTowardTheInput() {
        TrialOutcome o = train(config("activation", "sigmoid", "weight_init", "normal", "depth", 20, "width", 32,
                "epochs", 1), CANCER, 1);
        Trace t = o.trace();
        double first = t.column("grad_norm/dense_0").orElseThrow().get(0);
        double last = t.column("grad_norm/output").orElseThrow().get(0);
        assertThat(first).isLessThan(last / 100);
        assertThat(t.layers()).hasSize(21).startsWith("dense_0").endsWith("output");
        assertThat(present(t, "saturated_fraction/dense_10").get(0)).isGreaterThan(0.1);
    }

    @Test
    void theSameConfigAndSeedGiveTheSameTraceByteForByte() {
        TrialConfig c = config("dropout", 0.3, "augment", "noise:0.1", "batch_norm", true, "epochs", 3)
                .withTraining(ModelType.MLP, 3, TrialConfig.NO_TIME_LIMIT);
        String a = csv(train(c, IRIS, 42).trace());
        String b = csv(train(c, IRIS, 42).trace());
        assertThat(a).isEqualTo(b);
        assertThat(a).contains("# seed=42").doesNotContain("/work").doesNotContain("seconds");
        assertThat(csv(train(c, IRIS, 43).trace())).isNotEqualTo(a);
    }

    @Test
    void trialsOnParallelThreadsGiveTheSameTracesAsAlone() throws Exception {
        TrialConfig c = config("dropout", 0.2, "augment", "noise:0.1", "epochs", 4);
        String alone1 = csv(train(c, IRIS, 1).trace());
        String alone2 = csv(train(c, IRIS, 2).trace());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var f1 = pool.submit(() -> csv(train(c, IRIS, 1).trace()));
            var f2 = pool.submit(() -> csv(train(c, IRIS, 2).trace()));
            assertThat(f1.get()).isEqualTo(alone1);
            assertThat(f2.get()).isEqualTo(alone2);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void everyStructuralKnobTogetherStillTrains() {
        TrialConfig c = config("residual", true, "batch_norm", true, "dropout", 0.2, "gradient_clipping", "value:0.5",
                "l1", 1e-4, "optimizer", "adamw", "lr_schedule", "one_cycle", "augment", "noise:0.05", "depth", 3,
                "width", 32, "epochs", 3).withTraining(ModelType.CNN, 5, TrialConfig.NO_TIME_LIMIT);
        TrialOutcome o = train(c, TestDatasets.digits(300), 1);
        assertThat(o.endReason()).isEqualTo(EndReason.COMPLETED);
        assertThat(o.trace().layers()).containsExactly("conv_0", "conv_1", "dense_0", "dense_1", "dense_2", "output");
        assertThat(o.metrics().get("val_loss")).isFinite();
    }

    @Test
    void theStopHookEndsTheTrialAndTheTraceKeepsEveryStepItSaw() {
        List<StepReport> seen = new ArrayList<>();
        TrialOutcome o = new Trainer().train(config("epochs", 10), IRIS, 1, r -> {
            seen.add(r);
            return r.step() == 7;
        });
        assertThat(o.endReason()).isEqualTo(EndReason.STOPPED_BY_HOOK);
        assertThat(o.steps()).isEqualTo(7);
        assertThat(o.trace().steps()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(seen).hasSize(7);
        assertThat(seen.get(0).measured()).isTrue();
        assertThat(seen.get(0).gradNorm()).isPositive();
        assertThat(seen.get(0).layerValues()).containsKey("grad_norm/dense_0");
        assertThat(seen.get(1).measured()).isFalse();
        assertThat(seen.get(1).gradNorm()).isNaN();
        assertThat(seen.get(3).valLoss()).as("4 steps an epoch: validated after step 4").isFinite();
        assertThat(o.metrics()).containsKeys("val_loss", "test_accuracy");
    }

    @Test
    void aWallClockBudgetEndsTheTrial() {
        TrialConfig c = config("epochs", 100_000, "early_stopping", "none").withTraining(ModelType.MLP, 10, 0.5);
        TrialOutcome o = train(c, IRIS, 1);
        assertThat(o.endReason()).isEqualTo(EndReason.TIME_BUDGET);
        assertThat(o.epochs()).isLessThan(100_000);
        assertThat(o.metrics().get("val_loss")).isFinite();
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestWeights() {
        TrialOutcome o = train(config("early_stopping", Map.of("patience", 2, "min_delta", 10.0), "epochs", 30,
                "learning_rate", 0.01), IRIS, 1);
        assertThat(o.endReason()).isEqualTo(EndReason.EARLY_STOPPED);
        assertThat(o.epochs()).isEqualTo(3);
        List<Double> val = present(o.trace(), Trace.VAL_LOSS);
        assertThat(val).hasSize(3);
        double best = val.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(o.metrics().get("val_loss")).isCloseTo(best, within(1e-12));
    }

    @Test
    void trainingRunsTheGivenEpochsAndBatchSizeSetsTheStepsPerEpoch() {
        TrialOutcome o = train(config("epochs", 3, "batch_size", 16, "early_stopping", "none"), IRIS, 1);
        assertThat(o.endReason()).isEqualTo(EndReason.COMPLETED);
        assertThat(o.epochs()).isEqualTo(3);
        assertThat(o.steps()).isEqualTo(3 * 7);
        assertThat(present(o.trace(), Trace.VAL_LOSS)).hasSize(3);
        assertThat(present(o.trace(), Trace.EPOCH)).startsWith(1.0).endsWith(3.0);
        TrialOutcome big = train(config("epochs", 2, "batch_size", 500, "early_stopping", "none"), IRIS, 1);
        assertThat(big.steps()).isEqualTo(2);
    }

    @Test
    void layerStatisticsComeOnStepOneAndEveryTraceEverySteps() {
        TrialConfig c = config("epochs", 5, "batch_size", 16, "early_stopping", "none")
                .withTraining(ModelType.MLP, 4, TrialConfig.NO_TIME_LIMIT);
        Trace t = train(c, IRIS, 1).trace();
        Trace.Column g = t.column("grad_norm/output").orElseThrow();
        for (int r = 0; r < t.size(); r++) {
            long step = t.steps()[r];
            assertThat(g.has(r)).as("step %d", step).isEqualTo(step == 1 || step % 4 == 0);
        }
        assertThat(Trainer.withoutLayerStatistics().train(c, IRIS, 1, StopHook.NEVER).trace().layers()).isEmpty();
    }

    @Test
    void aDivergingRegressionEndsAtTheFirstNonFiniteLossWithoutAnException() {
        TrialOutcome o = train(config("optimizer", "sgd", "learning_rate", 1e4, "preprocess", "none", "epochs", 50,
                "early_stopping", "none"), TestDatasets.diabetes(), 1);
        assertThat(o.endReason()).isEqualTo(EndReason.NON_FINITE);
        Trace.Column loss = o.trace().loss();
        assertThat(loss.get(o.trace().size() - 1)).isNotFinite();
        for (int r = 0; r < o.trace().size() - 1; r++) {
            assertThat(loss.get(r)).isFinite();
        }
        assertThat(o.steps()).isEqualTo(o.trace().size());
        assertThat(o.metrics()).containsKeys("val_loss", "val_rmse", "val_r2", "test_loss", "test_rmse", "test_r2");
    }

    @Test
    void regressionMetricsAreInTheTargetsUnitsAndTheLossIsStandardised() {
        PreparedData diabetes = TestDatasets.diabetes();
        TrialOutcome o = train(config("learning_rate", 0.01, "epochs", 30), diabetes, 1);
        double sd = TestStats.sd(diabetes.train().targets());
        assertThat(o.metrics().get("val_r2")).isGreaterThan(0.2);
        assertThat(o.metrics().get("test_rmse")).isLessThan(sd).isGreaterThan(sd / 10);
        double standardised = o.metrics().get("val_rmse") / sd;
        assertThat(o.metrics().get("val_loss")).isCloseTo(standardised * standardised, within(1e-9));
        assertThat(o.trace().metadata()).containsEntry("val_metric", "r2").containsEntry("task", "regression");
    }

    private static String csv(Trace t) {
        StringWriter w = new StringWriter();
        try {
            TraceCsvWriter.write(t, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Population statistics, as the trainer computes them. */
    static final class TestStats {
        static double sd(double[] v) {
            double m = java.util.Arrays.stream(v).average().orElseThrow();
            return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
        }
    }
}
