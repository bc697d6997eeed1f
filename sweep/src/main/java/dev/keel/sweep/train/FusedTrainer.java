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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Trains several trials at once as the lanes of one {@link FusedMlp}, each exactly as {@link Trainer} trains it
 * alone: its own preprocessing and data order (its seed's shuffles), validation at the end of every epoch, best
 * weights and early stopping, its stop hook after every step, its own trace with the same columns (per-layer
 * statistics from its slice of the stacked arrays), and its metrics from its best weights. A lane that ends
 * (completed, early-stopped, stopped by its hook, non-finite loss, time budget) stops updating; the group runs
 * until every lane has ended, and builds a smaller group when half its lanes have ended, so that ended lanes cost
 * nothing.
 *
 * <p>Only what {@link #fusable} accepts; everything else takes {@link Trainer}. One group per thread.
 */
public final class FusedTrainer {
    private static final Logger log = LoggerFactory.getLogger(FusedTrainer.class);

    /**
     * What trials must share to train in one group: the network's shape and the batch size (the lanes step in
     * lockstep on batches of one size). Preprocessing, optimiser, rate, schedule, L2, activation, epochs, early
     * stopping and trace interval are per lane.
     */
    public record GroupKey(int depth, int width, int batchSize) {
        public static GroupKey of(TrialConfig c) {
            return new GroupKey(c.depth(), c.width(), c.batchSize());
        }
    }

    /**
     * The most multiply-adds (batch rows × weights) a lane's forward pass may take for fusing to pay. Fusing saves
     * per-op overhead, which dominates small networks: per lane, a fused step of the benchmark grid's 2 × 64 network
     * at batch 32 (283 thousand) is 4–8 times cheaper than DL4J's {@code fit}, and its sweep takes 0.3–0.5 of the time; the
     * quickstart's 8 × 256 at batch 16 (7.6 million) is about twice as cheap per step alone, and its sweep took
     * longer fused than trial by trial (2:25 against 2:11, docs/PERFORMANCE.md, Fused trials: where it pays).
     */
    static final long MAX_MULTIPLY_ADDS = 1_000_000;

    /** Whether fusing this config pays: a network small enough for per-op overhead to dominate its step. */
    public static boolean pays(TrialConfig c, PreparedData data) {
        int[] sizes = FusedMlp.sizes(c, NetworkShape.of(data));
        long weights = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            weights += (long) sizes[l] * sizes[l + 1];
        }
        long rows = Math.min(c.batchSize(), Math.max(1, data.train().rows()));
        return rows * weights <= MAX_MULTIPLY_ADDS;
    }

    /** Whether the fused path can train this config on these data. */
    public static boolean fusable(TrialConfig c, PreparedData data) {
        return FusedMlp.refusal(c, NetworkShape.of(data)) == null && data.train().rows() > 0;
    }

    /**
     * Trains every config (one per trial, with its seed and stop hook) and returns the outcomes in the same order.
     *
     * @throws IllegalArgumentException if a config cannot be fused or the configs do not share a {@link GroupKey}
     */
    public List<TrialOutcome> train(List<TrialConfig> configs, PreparedData data, long[] seeds, List<StopHook> hooks) {
        long started = System.nanoTime();
        NativeMemory.install();
        NativeMemory.reclaim();
        if (data.train().rows() == 0) {
            throw new BadInputException("data: the training split of " + data.source() + " has no rows");
        }
        int k = configs.size();
        if (k == 0 || seeds.length != k || hooks.size() != k) {
            throw new IllegalArgumentException("need a seed and a hook per config");
        }
        GroupKey key = GroupKey.of(configs.get(0));
        for (TrialConfig c : configs) {
            if (!GroupKey.of(c).equals(key) || !fusable(c, data)) {
                throw new IllegalArgumentException("cannot fuse " + c.toParams() + " into group " + key);
            }
        }
        NetworkShape shape = NetworkShape.of(data);
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            lanes.add(new Lane(i, configs.get(i), data, seeds[i], hooks.get(i), started));
        }
        // lanes of one activation side by side: one activation op per run of them
        List<Lane> order = new ArrayList<>(lanes);
        order.sort(Comparator.comparing((Lane l) -> l.config.activation()).thenComparingInt(l -> l.index));
        Group group = new Group(order, shape, data);
        try {
            group.run();
        } finally {
            group.close();
        }
        List<TrialOutcome> out = new ArrayList<>();
        for (Lane lane : lanes) {
            out.add(lane.outcome);
        }
        NativeMemory.reclaim();
        return out;
    }

    /** One trial's state, as {@link Trainer}'s run keeps it. */
    private static final class Lane {
        final int index;
        final TrialConfig config;
        final TrialData trial;
        final long seed;
        final StopHook hook;
        final long started;
        final Random rng;
        final int[] order;
        final Table validation;
        final Table test;
        final EarlyStopping stopping;
        TraceRecorder recorder;
        float[] mirrorParams;
        float[] mirrorGrads;
        Table epochRows;

        long step;
        int epoch;
        EndReason end;
        String detail;
        float[] bestParams;
        double bestLoss = Double.POSITIVE_INFINITY;
        double patienceReference = Double.POSITIVE_INFINITY;
        int epochsWithoutImprovement;
        long lastValidatedStep = -1;
        boolean finiteWeights = true;
        boolean needsFinalValidation;
        double endSeconds;
        TrialOutcome outcome;

        Lane(int index, TrialConfig config, PreparedData data, long seed, StopHook hook, long started) {
            this.index = index;
            this.config = config;
            this.trial = new TrialData(config, data);
            this.seed = seed;
            this.hook = Objects.requireNonNull(hook);
            this.started = started;
            this.rng = new Random(seed);
            this.order = new int[trial.trainRows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.validation = trial.validation();
            this.test = trial.test();
            this.stopping = config.earlyStopping();
        }

        Table validationTable() {
            return validation;
        }

        Table testTable() {
            return test;
        }

        void end(EndReason reason, String why) {
            end = reason;
            detail = why;
            endSeconds = (System.nanoTime() - started) / 1e9;
        }
    }

    /** The lanes training together, and the fused network they share; rebuilt smaller as lanes end. */
    private static final class Group {
        final PreparedData data;
        final NetworkShape shape;
        final int rows;
        final int batchSize;
        final int batches;
        List<Lane> lanes;
        FusedMlp net;
        int epoch;
        /** Every lane's validation rows, stacked once per group composition. */
        float[] validationX;

        Group(List<Lane> lanes, NetworkShape shape, PreparedData data) {
            this.lanes = lanes;
            this.shape = shape;
            this.data = data;
            this.rows = data.train().rows();
            this.batchSize = Math.min(lanes.get(0).config.batchSize(), rows);
            this.batches = (rows + batchSize - 1) / batchSize;
            List<TrialConfig> configs = new ArrayList<>();
            long[] seeds = new long[lanes.size()];
            long[] planned = new long[lanes.size()];
            for (int i = 0; i < lanes.size(); i++) {
                Lane l = lanes.get(i);
                configs.add(l.config);
                seeds[i] = l.seed;
                planned[i] = (long) batches * l.config.epochs();
            }
            net = new FusedMlp(configs, shape, seeds, planned);
            for (Lane l : lanes) {
                l.mirrorParams = new float[net.laneParameterCount()];
                l.mirrorGrads = new float[net.laneParameterCount()];
                l.recorder = new TraceRecorder(net.tracedLayers(),
                        Collections.nCopies(net.tracedLayers().size(), l.config.activation()), l.config.traceEvery(),
                        FloatBuffer.wrap(l.mirrorParams), FloatBuffer.wrap(l.mirrorGrads),
                        TraceMetadata.of(l.config, data, l.seed));
            }
        }

        void run() {
            int features = shape.inputs();
            float[] x = new float[lanes.size() * batchSize * features];
            int[] y = new int[lanes.size() * batchSize];
            while (anyRunning()) {
                epoch++;
                for (int i = 0; i < lanes.size(); i++) {
                    Lane l = lanes.get(i);
                    if (l.end == null && epoch > l.config.epochs()) {
                        l.end(EndReason.COMPLETED, "trained all " + l.config.epochs() + " epochs");
                        l.needsFinalValidation = l.finiteWeights && l.step > 0 && l.lastValidatedStep != l.step;
                        net.deactivate(i);
                    }
                    if (l.end == null) {
                        l.epoch = epoch;
                        l.epochRows = l.trial.epoch(l.rng);
                        shuffle(l.order, l.rng);
                    }
                }
                if (!anyRunning()) {
                    break;
                }
                for (int b = 0; b < batches && anyRunning(); b++) {
                    int start = b * batchSize;
                    int n = Math.min(batchSize, rows - start);
                    int k = lanes.size();
                    if (x.length != k * batchSize * features) {
                        x = new float[k * batchSize * features];
                        y = new int[k * batchSize];
                    }
                    for (int i = 0; i < k; i++) {
                        Lane l = lanes.get(i);
                        if (l.end != null) {
                            continue; // its rows do not matter: the lane no longer updates
                        }
                        for (int r = 0; r < n; r++) {
                            int row = l.order[start + r];
                            double[] f = l.epochRows.features()[row];
                            int o = (i * n + r) * features;
                            for (int c = 0; c < features; c++) {
                                x[o + c] = (float) f[c];
                            }
                            y[i * n + r] = (int) l.epochRows.targets()[row];
                        }
                    }
                    step(n, x, y, b == batches - 1);
                    compactIfWorthIt();
                }
            }
            finish();
        }

        private boolean anyRunning() {
            for (Lane l : lanes) {
                if (l.end == null) {
                    return true;
                }
            }
            return false;
        }

        private void step(int n, float[] x, int[] y, boolean epochEnd) {
            int k = lanes.size();
            for (int i = 0; i < k; i++) {
                Lane l = lanes.get(i);
                if (l.end == null) {
                    l.step++;
                    l.recorder.beforeStep(l.step, n);
                    if (l.recorder.measures(l.step)) {
                        net.laneParameters(i, l.mirrorParams);   // before the step: the update ratio's reference
                    }
                }
            }
            double[] losses = net.step(n, x, y);
            NativeMemory.reclaim();
            List<Lane> validating = new ArrayList<>();
            Map<String, Double>[] layerValues = newMaps(k);
            double[] lossOf = losses.clone();
            for (int i = 0; i < k; i++) {
                Lane l = lanes.get(i);
                if (l.end != null) {
                    continue;
                }
                if (l.recorder.measures(l.step)) {
                    for (int h = 0; h < l.config.depth(); h++) {
                        l.recorder.hiddenOutput(h, net.hiddenOutput(n, h, i), n, l.config.width());
                    }
                    net.laneGradients(i, l.mirrorGrads);
                    l.recorder.onGradientCalculation(null);
                    net.laneParameters(i, l.mirrorParams);
                }
                double lr = net.learningRate(i, l.step - 1);
                layerValues[i] = l.recorder.afterStep(l.step, l.epoch, lossOf[i], lr);
                if (!Double.isFinite(lossOf[i])) {
                    l.finiteWeights = false;
                    l.end(EndReason.NON_FINITE, "the training loss became " + lossOf[i] + " at step " + l.step);
                } else if (epochEnd) {
                    validating.add(l);
                }
            }
            Map<Lane, Metrics.Score> scores = validate(validating);
            for (int i = 0; i < k; i++) {
                Lane l = lanes.get(i);
                if (layerValues[i] == null) {
                    continue;
                }
                Metrics.Score val = scores.get(l);
                double lr = net.learningRate(i, l.step - 1);
                StepReport report = new StepReport(l.step, l.epoch, lossOf[i], lr, total(layerValues[i], "grad_norm/"),
                        total(layerValues[i], "param_norm/"), val == null ? Double.NaN : val.loss(),
                        val == null ? Double.NaN : val.metric(), layerValues[i]);
                boolean wasRunning = l.end == null;
                if (l.hook.shouldStop(report) && l.end == null) {
                    l.end(EndReason.STOPPED_BY_HOOK, "stopped by the caller after step " + l.step);
                }
                if (l.end == null && epochEnd && l.stopping.enabled()
                        && l.epochsWithoutImprovement >= l.stopping.patience()) {
                    l.end(EndReason.EARLY_STOPPED, "validation loss did not improve by " + l.stopping.minDelta()
                            + " for " + l.stopping.patience() + " epochs");
                }
                if (l.end == null && (System.nanoTime() - l.started) / 1e9 > l.config.maxSeconds()) {
                    l.end(EndReason.TIME_BUDGET, "used the " + l.config.maxSeconds() + " s budget at step " + l.step);
                }
                if (wasRunning && l.end != null) {
                    l.needsFinalValidation = l.finiteWeights && l.step > 0 && l.lastValidatedStep != l.step;
                }
                if (l.end != null) {
                    net.deactivate(i);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Double>[] newMaps(int k) {
            return (Map<String, Double>[]) new Map[k];
        }

        /**
         * Validation of the given lanes (at their epoch's end, or where an ended lane stopped): one forward pass of
         * every lane on its validation rows; keeps best weights and counts epochs without improvement, as
         * {@link Trainer} does.
         */
        private Map<Lane, Metrics.Score> validate(List<Lane> which) {
            Map<Lane, Metrics.Score> out = new LinkedHashMap<>();
            if (which.isEmpty()) {
                return out;
            }
            int n = lanes.get(0).validation.rows();
            for (Lane l : which) {
                l.lastValidatedStep = l.step;
            }
            if (n == 0) {
                return out;
            }
            if (validationX == null) {
                validationX = stack(Lane::validationTable);
            }
            float[] probabilities = net.output(n, validationX);
            int c = net.outputs();
            for (Lane l : which) {
                int i = lanes.indexOf(l);
                float[] mine = new float[n * c];
                System.arraycopy(probabilities, i * n * c, mine, 0, n * c);
                Metrics.Score score = Metrics.classification(mine, l.validation.targets(), c, "val_");
                l.recorder.validation(score.loss(), score.metric());
                if (score.loss() < l.bestLoss) {
                    l.bestLoss = score.loss();
                    if (l.bestParams == null) {
                        l.bestParams = new float[net.laneParameterCount()];
                    }
                    net.laneParameters(i, l.bestParams);
                }
                if (score.loss() < l.patienceReference - l.stopping.minDelta()) {
                    l.patienceReference = score.loss();
                    l.epochsWithoutImprovement = 0;
                } else {
                    l.epochsWithoutImprovement++;
                }
                out.put(l, score);
            }
            return out;
        }

        /** Every lane's rows of one split, stacked {@code K × n × features}. */
        private float[] stack(java.util.function.Function<Lane, Table> split) {
            int f = shape.inputs();
            int n = split.apply(lanes.get(0)).rows();
            float[] x = new float[lanes.size() * n * f];
            for (int i = 0; i < lanes.size(); i++) {
                double[][] rowsOf = split.apply(lanes.get(i)).features();
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < f; c++) {
                        x[(i * n + r) * f + c] = (float) rowsOf[r][c];
                    }
                }
            }
            return x;
        }

        /**
         * Once half the lanes have ended, the group goes on as a smaller one: the ended lanes' final validation and
         * metrics are taken first, from the weights they stopped with.
         */
        private void compactIfWorthIt() {
            int running = 0;
            for (Lane l : lanes) {
                if (l.end == null) {
                    running++;
                }
            }
            if (running == 0 || running * 2 > lanes.size()) {
                return;
            }
            List<Lane> ended = new ArrayList<>();
            List<Lane> kept = new ArrayList<>();
            for (Lane l : lanes) {
                (l.end == null ? kept : ended).add(l);
            }
            finishLanes(ended);
            int[] keep = new int[kept.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = lanes.indexOf(kept.get(i));
            }
            FusedMlp smaller = net.retain(keep);
            net.close();
            net = smaller;
            lanes = kept;
            validationX = null;
        }

        /** Final validation where needed, then each ended lane's metrics from its best weights. */
        private void finishLanes(List<Lane> ended) {
            List<Lane> pending = new ArrayList<>();
            for (Lane l : ended) {
                if (l.needsFinalValidation) {
                    pending.add(l);
                    l.needsFinalValidation = false;
                }
            }
            validate(pending);
            for (Lane l : ended) {
                if (l.bestParams != null) {
                    net.setLaneParameters(lanes.indexOf(l), l.bestParams);
                }
            }
            Map<Lane, Map<String, Double>> metrics = new LinkedHashMap<>();
            for (Lane l : ended) {
                metrics.put(l, new LinkedHashMap<>());
            }
            evaluate(ended, Lane::validationTable, "val_", metrics);
            evaluate(ended, Lane::testTable, "test_", metrics);
            for (Lane l : ended) {
                double seconds = l.endSeconds;
                log.debug("fused trial seed {} ended {} after {} steps: {}", l.seed, l.end.token(), l.step, l.detail);
                l.outcome = new TrialOutcome(l.recorder.build(), metrics.get(l), l.epoch, l.step, seconds, l.end,
                        l.detail);
            }
        }

        private void evaluate(List<Lane> which, java.util.function.Function<Lane, Table> split, String prefix,
                              Map<Lane, Map<String, Double>> into) {
            int n = split.apply(lanes.get(0)).rows();
            int c = net.outputs();
            float[] probabilities = n == 0 ? new float[0] : net.output(n, stack(split));
            for (Lane l : which) {
                int i = lanes.indexOf(l);
                float[] mine = new float[n * c];
                if (n > 0) {
                    System.arraycopy(probabilities, i * n * c, mine, 0, n * c);
                }
                into.get(l).putAll(Metrics.classification(mine, split.apply(l).targets(), c, prefix).named());
            }
        }

        void finish() {
            List<Lane> ended = new ArrayList<>();
            for (Lane l : lanes) {
                if (l.outcome == null) {
                    ended.add(l);
                }
            }
            finishLanes(ended);
        }

        void close() {
            net.close();
        }
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

    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
