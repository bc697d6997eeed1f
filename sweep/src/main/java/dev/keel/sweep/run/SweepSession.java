package dev.keel.sweep.run;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.prune.Pruner;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.train.EndReason;
import dev.keel.sweep.train.FusedTrainer;
import dev.keel.sweep.train.StepReport;
import dev.keel.sweep.train.NetworkFactory;
import dev.keel.sweep.train.NetworkShape;
import dev.keel.sweep.train.StopHook;
import dev.keel.sweep.train.TrialOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a trial of one sweep needs, and the way one trial is run: train (watched by the space's
 * {@link Pruner}), diagnose, and turn the outcome into a trial line. The same code runs a trial on a local worker
 * thread and in a Spark task, so that both executors write the same store.
 */
public final class SweepSession {
    private static final Logger LOG = LoggerFactory.getLogger(SweepSession.class);

    /** A failed trial's error is one line of trials.jsonl and of the progress output; the log has the rest. */
    static final int MAX_ERROR_CHARS = 300;

    private final SweepSpace space;
    private final PreparedData data;
    private final TrialTrainer trainer;
    private final Pruner pruner;

    public SweepSession(SweepSpace space, PreparedData data) {
        this(space, data, TrialTrainer.KEEL);
    }

    /**
     * @throws BadInputException if the space cannot run on the data (its metric, a cnn on tabular data): the
     *                           sweep stops before it writes anything, instead of failing every trial alike
     */
    public SweepSession(SweepSpace space, PreparedData data, TrialTrainer trainer) {
        this(space, data, trainer, Pruner.of(space));
        if (!space.metric().appliesTo(data.task())) {
            throw new BadInputException("metric.name: " + space.metric().name() + " is not reported for "
                    + data.task().token() + " data (" + data.source() + "); use val_loss or a "
                    + data.task().token() + " metric");
        }
        if (space.model() == ModelType.CNN) {
            NetworkFactory.checkImage(NetworkShape.of(data));
        }
    }

    private SweepSession(SweepSpace space, PreparedData data, TrialTrainer trainer, Pruner pruner) {
        this.space = space;
        this.data = data;
        this.trainer = trainer;
        this.pruner = pruner;
    }

    /** Loads the space's data (split by the sweep's seed) and binds it to the space. */
    public static SweepSession open(SweepSpace space) {
        return new SweepSession(space, DataLoader.load(space.data(), space.seed()));
    }

    /**
     * The same session (space, data, trainer) pruning with {@code pruner} instead: a Spark task gets a copy of the
     * driver's pruner, which knows the trials the driver had stored when it sent the task, since an executor JVM
     * sees only the trials it ran itself.
     */
    public SweepSession withPruner(Pruner pruner) {
        return new SweepSession(space, data, trainer, pruner);
    }

    public SweepSpace space() {
        return space;
    }

    public PreparedData data() {
        return data;
    }

    /** The session's pruner, live: what a Spark task is sent a copy of. */
    public Pruner pruner() {
        return pruner;
    }

    /**
     * Tells the session a trial's line is stored, so that pruners that compare trials count it: called by the
     * thread that writes the store, for new trials and, on resume, for the stored ones ({@code trace} is read only
     * if a pruner needs it).
     */
    public void stored(TrialRecord record, Supplier<Trace> trace) {
        pruner.stored(record, trace);
    }

    /** Trains, diagnoses and records one trial. Never throws for a trial's own failure: that is a failed line. */
    public TrialResult run(PlannedTrial trial) {
        long started = System.nanoTime();
        try {
            Guard guard = new Guard(pruner.watch(trial));
            TrialOutcome outcome = trainer.train(trial.config(), data, trial.seed(), guard);
            return result(trial, outcome, guard, () -> seconds(started));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // Exception, not RuntimeException: DL4J throws checked exceptions undeclared (Lombok's @SneakyThrows).
            LOG.error("trial {} failed", trial.id(), e);
            return new TrialResult(failed(trial, oneLine(e), seconds(started)), null);
        }
    }

    /**
     * Whether this trial trains as a lane of a fused group ({@link FusedTrainer}): keel's own trainer, a network and
     * optimiser the fused path implements, and a network small enough for fusing to pay ({@link FusedTrainer#pays}).
     */
    public boolean fusable(PlannedTrial trial) {
        return trainer == TrialTrainer.KEEL && FusedTrainer.fusable(trial.config(), data)
                && FusedTrainer.pays(trial.config(), data);
    }

    /**
     * Trains trials that share a {@link FusedTrainer.GroupKey} together, each watched by its own pruner watch, and
     * records each as {@link #run} does. If the group fails as a whole, each trial runs again alone, so that a
     * failure of the fused path costs time, never a trial.
     */
    public List<TrialResult> runFused(List<PlannedTrial> trials) {
        if (trials.size() == 1) {
            return List.of(run(trials.get(0)));
        }
        long started = System.nanoTime();
        List<Guard> guards = new ArrayList<>();
        List<dev.keel.sweep.config.TrialConfig> configs = new ArrayList<>();
        long[] seeds = new long[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            PlannedTrial t = trials.get(i);
            guards.add(new Guard(pruner.watch(t)));
            configs.add(t.config());
            seeds[i] = t.seed();
        }
        List<TrialOutcome> outcomes;
        try {
            outcomes = new FusedTrainer().train(configs, data, seeds, new ArrayList<StopHook>(guards));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            LOG.error("fused group {} failed; its trials run alone", trials.stream().map(PlannedTrial::id).toList(), e);
            List<TrialResult> alone = new ArrayList<>();
            for (PlannedTrial t : trials) {
                alone.add(run(t));
            }
            return alone;
        }
        List<TrialResult> results = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            PlannedTrial t = trials.get(i);
            try {
                TrialOutcome o = outcomes.get(i);
                results.add(result(t, o, guards.get(i), () -> Math.round(o.seconds() * 1e3) / 1e3));
            } catch (Exception e) {
                LOG.error("trial {} failed", t.id(), e);
                results.add(new TrialResult(failed(t, oneLine(e), seconds(started)), null));
            }
        }
        return results;
    }

    /** A trained trial's line: its diagnosis, and whether its pruner stopped it. */
    private TrialResult result(PlannedTrial trial, TrialOutcome outcome, Guard guard,
                               java.util.function.DoubleSupplier seconds) {
        Trace trace = outcome.trace();
        Diagnosis diagnosis = StabilityClassifier.classify(trace);
        List<Finding> findings = new ArrayList<>(diagnosis.findings());
        Verdict verdict = diagnosis.verdict();
        double confidence = diagnosis.confidence();
        Long firstStep = diagnosis.firstDetectedStep();
        Finding stop = guard.stop;
        // A loss that turns NaN ends training by itself; when divergence pruning is on, the monitor saw the same
        // step and stopped the trial too, so it is pruned like any other blow-up (not "completed" after 3 steps).
        boolean pruned = stop != null && (outcome.endReason() == EndReason.STOPPED_BY_HOOK
                || outcome.endReason() == EndReason.NON_FINITE && stop.rule() == Rule.PRUNED_DIVERGING);
        if (pruned) {
            if (stop.rule() == Rule.PRUNED_DIVERGING && verdict != Verdict.DIVERGING) {
                // The monitor fires only on rules the classifier shares; disagreement is a bug worth a log line,
                // but the trial was stopped for diverging and its line must say so.
                LOG.warn("trial {}: stopped as diverging at step {} but the classifier says {}", trial.id(),
                        stop.step(), verdict.token());
                verdict = Verdict.DIVERGING;
                confidence = Math.max(confidence, 0.9);
                firstStep = stop.step();
            }
            findings.add(0, stop);
        }
        TrialRecord record = new TrialRecord(trial.id(), trial.params(), trial.seed(),
                pruned ? TrialStatus.PRUNED : TrialStatus.COMPLETED, verdict, confidence, firstStep, findings,
                outcome.metrics(), outcome.epochs(), outcome.steps(), seconds.getAsDouble(), null, trial.chosenBy());
        return new TrialResult(record, trace);
    }

    /** A failed trial's line: no verdict, no metrics, the error in one line. */
    public static TrialRecord failed(PlannedTrial trial, String error, double seconds) {
        return new TrialRecord(trial.id(), trial.params(), trial.seed(), TrialStatus.FAILED, null, null, null,
                List.of(), Map.of(), 0, 0, seconds, error, trial.chosenBy());
    }
    /**
     * What went wrong, in one line: the exception's type and the first line of its message, or of the first
     * cause that has one (DL4J often wraps the useful message), cut to {@link #MAX_ERROR_CHARS}.
     */
    static String oneLine(Throwable e) {
        Throwable source = e;
        while (firstLine(source.getMessage()).isEmpty() && source.getCause() != null && source.getCause() != source) {
            source = source.getCause();
        }
        String message = firstLine(source.getMessage());
        String line = source.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("")
                .replaceAll("\\s+", " ");
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1e3;
    }

    /** The stop hook of one trial: asks the pruner's watch after every step and keeps the finding it stopped with. */
    private static final class Guard implements StopHook {
        private final Pruner.Watch watch;
        Finding stop;

        Guard(Pruner.Watch watch) {
            this.watch = watch;
        }

        @Override
        public boolean shouldStop(StepReport report) {
            if (stop != null) {
                return true;
            }
            Optional<Finding> finding = watch.observe(report);
            finding.ifPresent(f -> stop = f);
            return finding.isPresent();
        }
    }
}
