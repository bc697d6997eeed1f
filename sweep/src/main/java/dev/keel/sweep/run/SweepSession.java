package dev.keel.sweep.run;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.stability.DivergenceMonitor;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.EarlyTermination;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.train.EndReason;
import dev.keel.sweep.train.StepReport;
import dev.keel.sweep.train.StopHook;
import dev.keel.sweep.train.Trainer;
import dev.keel.sweep.train.TrialOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a trial of one sweep needs, and the way one trial is run: train, diagnose, and turn the outcome
 * into a trial line. The same code runs a trial on a local worker thread and in a Spark task, so that both
 * executors write the same store.
 */
public final class SweepSession {
    private static final Logger LOG = LoggerFactory.getLogger(SweepSession.class);

    private final SweepSpace space;
    private final PreparedData data;
    private final MedianPruner median;

    public SweepSession(SweepSpace space, PreparedData data) {
        this.space = space;
        this.data = data;
        this.median = space.earlyTerminate() == EarlyTermination.MEDIAN ? new MedianPruner() : null;
        if (!space.metric().appliesTo(data.task())) {
            throw new BadInputException("metric.name: " + space.metric().name() + " is not reported for "
                    + data.task().token() + " data (" + data.source() + "); use val_loss or a "
                    + data.task().token() + " metric");
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

    /** Trains, diagnoses and records one trial. Never throws for a trial's own failure: that is a failed line. */
    public TrialResult run(PlannedTrial trial) {
        long started = System.nanoTime();
        try {
            Guard guard = new Guard();
            TrialOutcome outcome = new Trainer().train(trial.config(), data, trial.seed(), guard);
            Trace trace = outcome.trace();
            Diagnosis diagnosis = StabilityClassifier.classify(trace);
            List<Finding> findings = new ArrayList<>(diagnosis.findings());
            Verdict verdict = diagnosis.verdict();
            double confidence = diagnosis.confidence();
            Long firstStep = diagnosis.firstDetectedStep();
            boolean pruned = outcome.endReason() == EndReason.STOPPED_BY_HOOK;
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
                findings.add(0, new Finding("pruned_diverging", null, guard.divergence.step(), Double.NaN,
                        Double.NaN, "stopped early: " + guard.divergence.reason()));
            } else if (pruned && guard.medianEpoch > 0) {
                findings.add(new Finding("pruned_median", null, guard.medianStep, guard.medianValue,
                        guard.medianThreshold, String.format(java.util.Locale.ROOT,
                        "stopped early: validation loss %.4g after epoch %d was worse than the median %.4g of"
                                + " finished trials", guard.medianValue, guard.medianEpoch, guard.medianThreshold)));
            }
            if (median != null) {
                median.finished(guard.valLossByEpoch());
            }
            TrialRecord record = new TrialRecord(trial.id(), trial.params(), trial.seed(),
                    pruned ? TrialStatus.PRUNED : TrialStatus.COMPLETED, verdict, confidence, firstStep, findings,
                    outcome.metrics(), outcome.epochs(), outcome.steps(), seconds(started), null);
            return new TrialResult(record, trace);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            LOG.error("trial {} failed", trial.id(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            TrialRecord record = new TrialRecord(trial.id(), trial.params(), trial.seed(), TrialStatus.FAILED,
                    null, null, null, List.of(), java.util.Map.of(), 0, 0, seconds(started),
                    message.lines().findFirst().orElse(message));
            return new TrialResult(record, null);
        }
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1e3;
    }

    /** The stop hook of one trial: divergence and median pruning as the space asks. One per trial. */
    private final class Guard implements StopHook {
        private final DivergenceMonitor monitor =
                space.earlyTerminate() == EarlyTermination.DIVERGENCE ? new DivergenceMonitor() : null;
        private final List<Double> valLosses = new ArrayList<>();
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
            if (!Double.isNaN(report.valLoss())) {
                while (valLosses.size() < report.epoch() - 1) {
                    valLosses.add(Double.NaN);
                }
                valLosses.add(report.valLoss());
                if (median != null && median.shouldPrune(report.epoch(), report.valLoss())) {
                    medianEpoch = report.epoch();
                    medianStep = report.step();
                    medianValue = report.valLoss();
                    medianThreshold = median.medianAt(report.epoch());
                    return true;
                }
            }
            return false;
        }

        double[] valLossByEpoch() {
            return valLosses.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
