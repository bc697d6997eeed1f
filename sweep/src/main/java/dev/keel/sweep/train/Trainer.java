package dev.keel.sweep.train;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.EarlyStopping;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Table;
import dev.keel.sweep.train.memory.NativeMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains one trial: the full pipeline every sweep trial runs. Preprocessing is fitted on the training
 * split; each epoch re-augments and reshuffles the training rows (seeded by the trial seed), fits the
 * minibatches in order, and validates once at the end of the epoch. Training stops after {@code epochs},
 * on early stopping, on the wall-clock budget, when the {@link StopHook} says so, or when the loss becomes
 * non-finite; NaN or Inf never throws. The metrics come from the weights with the lowest validation loss.
 *
 * <p>One trial per thread: ND4J's random generator is per thread and the network is single-threaded.
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);

    /** See {@link #nudgeForProbe}. */
    public static final String NUDGE_PROPERTY = "keel.probe.nudge";

    private final boolean layerStatistics;

    /** A trainer that records per-layer statistics every {@code trace_every} steps. */
    public Trainer() {
        this(true);
    }

    private Trainer(boolean layerStatistics) {
        this.layerStatistics = layerStatistics;
    }

    /** Records only loss, learning rate and validation: the reference for measuring tracing's cost. */
    public static Trainer withoutLayerStatistics() {
        return new Trainer(false);
    }

    public TrialOutcome train(TrialConfig config, PreparedData data, long seed, StopHook hook) {
        long started = System.nanoTime();
        NativeMemory.install();
        NativeMemory.reclaim();   // makes this a reclaiming thread before it allocates: only it frees what it makes
        if (data.train().rows() == 0) {
            throw new BadInputException("data: the training split of " + data.source() + " has no rows");
        }
        TrialData trial = new TrialData(config, data);
        boolean classification = trial.classification();
        Random rng = new Random(seed);

        try (Minibatches batches = new Minibatches(trial.trainRows(), config.batchSize(), data.features(),
                     data.outputs(), classification, trial.targetMean(), trial.targetSd());
             SplitEvaluator validation = new SplitEvaluator(trial.validation(), "val_", classification,
                     data.outputs(), trial.targetMean(), trial.targetSd());
             SplitEvaluator test = new SplitEvaluator(trial.test(), "test_", classification,
                     data.outputs(), trial.targetMean(), trial.targetSd());
             TrialNetwork network = NetworkFactory.build(config, NetworkShape.of(data), seed,
                     (long) batches.count() * config.epochs())) {
            nudgeForProbe(network);
            TraceRecorder recorder = new TraceRecorder(network, config.activation(), config.traceEvery(),
                    layerStatistics, TraceMetadata.of(config, data, seed));
            if (layerStatistics) {
                network.setListeners(recorder);
            }
            Run run = new Run(config, network, recorder, validation, hook, started);
            int[] order = new int[trial.trainRows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            while (run.end == null && run.epoch < config.epochs()) {
                run.epoch++;
                Table epochRows = trial.epoch(rng);
                shuffle(order, rng);
                batches.epoch(epochRows, order);
                for (int b = 0; b < batches.count() && run.end == null; b++) {
                    run.step(batches, b, b == batches.count() - 1);
                }
                network.incrementEpoch();
            }
            if (run.end == null) {
                run.end(EndReason.COMPLETED, "trained all " + config.epochs() + " epochs");
            }
            run.finishValidation();
            Map<String, Double> metrics = run.metrics(test);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.debug("trial seed {} ended {} after {} steps: {}", seed, run.end.token(), run.step, run.detail);
            NativeMemory.reclaim();
            return new TrialOutcome(recorder.build(), metrics, run.epoch, run.step, seconds, run.end, run.detail);
        }
    }

    /**
     * For {@code OneUlpProbe} and {@code FusedSweepTest} (test scope) only: with {@value #NUDGE_PROPERTY} set to i,
     * parameter {@code i} of the freshly built network moves up by one float ulp, so that a trial can be compared
     * with its own one-ulp neighbour (docs/PERFORMANCE.md, Fused trials). Unset, nothing happens.
     */
    private static void nudgeForProbe(TrialNetwork network) {
        Integer index = Integer.getInteger(NUDGE_PROPERTY);
        if (index != null) {
            FloatBuffer p = TrialNetwork.floatView(network.params());
            p.put(index, Math.nextUp(p.get(index)));
        }
    }

    /** The state of one training run, advanced a step at a time. */
    private static final class Run {
        private final TrialConfig config;
        private final TrialNetwork network;
        private final TraceRecorder recorder;
        private final SplitEvaluator validation;
        private final StopHook hook;
        private final long started;
        private final FloatBuffer params;
        private final EarlyStopping stopping;

        long step;
        int epoch;
        EndReason end;
        String detail;
        private float[] bestParams;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private double patienceReference = Double.POSITIVE_INFINITY;
        private int epochsWithoutImprovement;
        private long lastValidatedStep = -1;
        private boolean finiteWeights = true;

        Run(TrialConfig config, TrialNetwork network, TraceRecorder recorder, SplitEvaluator validation,
            StopHook hook, long started) {
            this.config = config;
            this.network = network;
            this.recorder = recorder;
            this.validation = validation;
            this.hook = hook;
            this.started = started;
            this.params = network.paramBuffer();
            this.stopping = config.earlyStopping();
        }

        void step(Minibatches batches, int batch, boolean epochEnd) {
            int size = batches.load(batch);
            step++;
            recorder.beforeStep(step, size);
            network.fit(batches.features(), batches.labels());
            NativeMemory.reclaim();
            double loss = network.score();
            double lr = network.learningRate().at(step - 1);
            Map<String, Double> layerValues = recorder.afterStep(step, epoch, loss, lr);
            Metrics.Score val = null;
            if (!Double.isFinite(loss)) {
                finiteWeights = false;
                end(EndReason.NON_FINITE, "the training loss became " + loss + " at step " + step);
            } else if (epochEnd) {
                val = validate();
            }
            StepReport report = new StepReport(step, epoch, loss, lr, total(layerValues, "grad_norm/"),
                    total(layerValues, "param_norm/"), val == null ? Double.NaN : val.loss(),
                    val == null ? Double.NaN : val.metric(), layerValues);
            if (hook.shouldStop(report) && end == null) {
                end(EndReason.STOPPED_BY_HOOK, "stopped by the caller after step " + step);
            }
            if (end == null && epochEnd && stopping.enabled() && epochsWithoutImprovement >= stopping.patience()) {
                end(EndReason.EARLY_STOPPED, "validation loss did not improve by " + stopping.minDelta() + " for "
                        + stopping.patience() + " epochs");
            }
            if (end == null && (System.nanoTime() - started) / 1e9 > config.maxSeconds()) {
                end(EndReason.TIME_BUDGET, "used the " + config.maxSeconds() + " s budget at step " + step);
            }
        }

        void end(EndReason reason, String why) {
            end = reason;
            detail = why;
        }

        /** Validation once an epoch; keeps the best weights and counts epochs without improvement. */
        private Metrics.Score validate() {
            lastValidatedStep = step;
            if (validation.isEmpty()) {
                return null;
            }
            Metrics.Score score = validation.evaluate(network);
            recorder.validation(score.loss(), score.metric());
            if (score.loss() < bestLoss) {
                bestLoss = score.loss();
                if (bestParams == null) {
                    bestParams = new float[params.capacity()];
                }
                params.get(0, bestParams);
            }
            if (score.loss() < patienceReference - stopping.minDelta()) {
                patienceReference = score.loss();
                epochsWithoutImprovement = 0;
            } else {
                epochsWithoutImprovement++;
            }
            return score;
        }

        /** A run stopped mid-epoch is validated where it stopped, unless its weights are not finite. */
        void finishValidation() {
            if (finiteWeights && step > 0 && lastValidatedStep != step) {
                validate();
            }
        }

        Map<String, Double> metrics(SplitEvaluator test) {
            if (bestParams != null) {
                params.put(0, bestParams);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            Metrics.Score val = validation.evaluate(network);
            Metrics.Score tst = test.evaluate(network);
            metrics.putAll(val.named());
            metrics.putAll(tst.named());
            return metrics;
        }

        private static double total(Map<String, Double> values, String prefix) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            double sum = 0;
            for (Map.Entry<String, Double> e : values.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    sum += e.getValue() * e.getValue();
                }
            }
            return Math.sqrt(sum);
        }
    }

    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
