package dev.keel.sweep.run;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.DivergenceMonitor;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.EarlyTermination;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.train.EndReason;
import dev.keel.sweep.train.StepReport;
import dev.keel.sweep.train.NetworkFactory;
import dev.keel.sweep.train.NetworkShape;
import dev.keel.sweep.train.StopHook;
import dev.keel.sweep.train.TrialOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a trial of one sweep needs, and the way one trial is run: train, diagnose, and turn the outcome
 * into a trial line. The same code runs a trial on a local worker thread and in a Spark task, so that both
 * executors write the same store.
 */
public final class SweepSession {
    private static final Logger LOG = LoggerFactory.getLogger(SweepSession.class);

    /** A failed trial's error is one line of trials.jsonl and of the progress output; the log has the rest. */
    static final int MAX_ERROR_CHARS = 300;

    private final SweepSpace space;
    private final PreparedData data;
    private final TrialTrainer trainer;
    private final MedianPruner median;

    public SweepSession(SweepSpace space, PreparedData data) {
        this(space, data, TrialTrainer.KEEL);
    }

    /**
     * @throws BadInputException if the space cannot run on the data (its metric, a cnn on tabular data): the
     *                           sweep stops before it writes anything, instead of failing every trial alike
     */
    public SweepSession(SweepSpace space, PreparedData data, TrialTrainer trainer) {
        this.space = space;
        this.data = data;
        this.trainer = trainer;
        this.median = space.earlyTerminate() == EarlyTermination.MEDIAN ? new MedianPruner() : null;
        if (!space.metric().appliesTo(data.task())) {
            throw new BadInputException("metric.name: " + space.metric().name() + " is not reported for "
                    + data.task().token() + " data (" + data.source() + "); use val_loss or a "
                    + data.task().token() + " metric");
        }
        if (space.model() == ModelType.CNN) {
            NetworkFactory.checkImage(NetworkShape.of(data));
        }
    }

    /** Loads the space's data (split by the sweep's seed) and binds it to the space. */
    public static SweepSession open(SweepSpace space) {
        return new SweepSession(space, DataLoader.load(space.data(), space.seed()));
    }

    /**
     * A session of the same sweep whose median pruning compares against {@code finishedCurves} (each the
     * validation loss by epoch of a finished trial, {@code curve[e - 1]} for epoch e, NaN where absent) instead
     * of the trials this session ran. A Spark task gets the curves of the trials the driver had stored when it
     * sent the task, since an executor JVM sees only the trials it ran itself.
     */
    public SweepSession withFinishedCurves(List<double[]> finishedCurves) {
        SweepSession session = new SweepSession(space, data);
        if (session.median != null) {
            finishedCurves.forEach(session.median::finished);
        }
        return session;
    }

    public SweepSpace space() {
        return space;
    }

    public PreparedData data() {
        return data;
    }

    /**
     * Tells the session a trial's line is stored, so that median pruning counts it: called by the thread that
     * writes the store, for new trials and, on resume, for the stored ones.
     */
    public void stored(TrialRecord record, Trace trace) {
        if (median != null && record.status() == TrialStatus.COMPLETED && trace != null) {
            median.finished(MedianPruner.valLossByEpoch(trace));
        }
    }

    /**
     * The curves median pruning compares against (the completed trials {@link #stored} so far), or
     * {@code null} when the space does not prune by the median.
     */
    public List<double[]> finishedCurves() {
        return median == null ? null : median.finishedCurves();
    }

    /** Whether {@link #stored} needs the traces of trials stored before a resume. */
    public boolean usesFinishedTrials() {
        return median != null;
    }

    /** Trains, diagnoses and records one trial. Never throws for a trial's own failure: that is a failed line. */
    public TrialResult run(PlannedTrial trial) {
        long started = System.nanoTime();
        try {
            Guard guard = new Guard();
            TrialOutcome outcome = trainer.train(trial.config(), data, trial.seed(), guard);
            Trace trace = outcome.trace();
            Diagnosis diagnosis = StabilityClassifier.classify(trace);
            List<Finding> findings = new ArrayList<>(diagnosis.findings());
            Verdict verdict = diagnosis.verdict();
            double confidence = diagnosis.confidence();
            Long firstStep = diagnosis.firstDetectedStep();
            // A loss that turns NaN ends training by itself; when divergence pruning is on, the monitor saw the same
            // step and stopped the trial too, so it is pruned like any other blow-up (not "completed" after 3 steps).
            boolean pruned = outcome.endReason() == EndReason.STOPPED_BY_HOOK
                    || outcome.endReason() == EndReason.NON_FINITE && guard.divergence != null;
            if (pruned && guard.divergence != null) {
                if (verdict != Verdict.DIVERGING) {
                    // The monitor fires only on rules the classifier shares; disagreement is a bug worth a log line,
                    // but the trial was stopped for diverging and its line must say so.
                    LOG.warn("trial {}: stopped as diverging at step {} but the classifier says {}", trial.id(),
                            guard.divergence.step(), verdict.token());
                    verdict = Verdict.DIVERGING;
                    confidence = Math.max(confidence, 0.9);
                    firstStep = guard.divergence.step();
                }
                findings.add(0, new Finding(Rule.PRUNED_DIVERGING, null, guard.divergence.step(), Double.NaN,
                        Double.NaN, "stopped early: " + guard.divergence.reason()));
            } else if (pruned && guard.medianEpoch > 0) {
                findings.add(0, new Finding(Rule.PRUNED_MEDIAN, null, guard.medianStep, guard.medianValue,
                        guard.medianThreshold, String.format(Locale.ROOT,
                        "stopped early: validation loss %.4g after epoch %d was worse than the median %.4g of"
                                + " completed trials", guard.medianValue, guard.medianEpoch, guard.medianThreshold)));
            }
            TrialRecord record = new TrialRecord(trial.id(), trial.params(), trial.seed(),
                    pruned ? TrialStatus.PRUNED : TrialStatus.COMPLETED, verdict, confidence, firstStep, findings,
                    outcome.metrics(), outcome.epochs(), outcome.steps(), seconds(started), null);
            return new TrialResult(record, trace);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // Exception, not RuntimeException: DL4J throws checked exceptions undeclared (Lombok's @SneakyThrows).
            LOG.error("trial {} failed", trial.id(), e);
            TrialRecord record = new TrialRecord(trial.id(), trial.params(), trial.seed(), TrialStatus.FAILED,
                    null, null, null, List.of(), Map.of(), 0, 0, seconds(started), oneLine(e));
            return new TrialResult(record, null);
        }
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

    /**
     * The stop hook of one trial: divergence pruning unless the space says {@code none}, and median pruning
     * too when it says {@code median} (docs/SPACES.md: median "also" stops trials). One per trial.
     */
    private final class Guard implements StopHook {
        private final DivergenceMonitor monitor =
                space.earlyTerminate() != EarlyTermination.NONE ? new DivergenceMonitor() : null;
        DivergenceMonitor.Decision divergence;
        int medianEpoch;
        long medianStep;
        double medianValue;
        double medianThreshold;

        @Override
        public boolean shouldStop(StepReport report) {
            if (monitor != null) {
                DivergenceMonitor.Decision d = monitor.observe(report.step(), report.loss(), report.gradNorm(),
                        report.paramNorm());
                if (d.shouldStop()) {
                    divergence = d;
                    return true;
                }
            }
            if (median != null && !Double.isNaN(report.valLoss())
                    && median.shouldPrune(report.epoch(), report.valLoss())) {
                medianEpoch = report.epoch();
                medianStep = report.step();
                medianValue = report.valLoss();
                medianThreshold = median.medianAt(report.epoch());
                return true;
            }
            return false;
        }
    }
}
