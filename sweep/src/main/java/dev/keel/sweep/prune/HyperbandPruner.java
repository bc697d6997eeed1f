package dev.keel.sweep.prune;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code early_terminate: {type: hyperband, min_iter: M, eta: E}}: asynchronous successive halving (ASHA; Li et al.
 * 2020, "A system for massively parallel hyperparameter tuning"), in the stopping form of Ray Tune's
 * {@code AsyncHyperBandScheduler} and W&B's hyperband. Rungs lie at the ends of epochs M, M·E, M·E², …; a trial
 * that reaches a rung is compared with every trial that reached it before, and goes on only if it is within the
 * best 1/E of them (at or above their (1 − 1/E) quantile, linearly interpolated); the first trial at a rung always
 * goes on. It ranks by the validation form of the space's metric ({@link RungMetric}).
 *
 * <p>Every trial's value at a rung counts, whether the trial later completed, was pruned or is still running:
 * locally, running trials record theirs as they reach a rung; a resumed sweep and a Spark task know the stored
 * trials' values, read from their traces.
 */
public final class HyperbandPruner implements Pruner {
    private static final long serialVersionUID = 1L;
    /** Rungs beyond this epoch are never reached. */
    private static final long LAST_RUNG = 1_000_000;

    private final int minIter;
    private final int eta;
    private final RungMetric metric;
    /** Rung epoch → trial id → its value there, in the order trials reached it. */
    private final TreeMap<Integer, LinkedHashMap<String, Double>> rungs = new TreeMap<>();

    public HyperbandPruner(int minIter, int eta, RungMetric metric) {
        if (minIter < 1 || eta < 2) {
            throw new IllegalArgumentException("hyperband needs min_iter >= 1 and eta >= 2");
        }
        this.minIter = minIter;
        this.eta = eta;
        this.metric = metric;
        for (long m = minIter; m <= LAST_RUNG; m *= eta) {
            rungs.put((int) m, new LinkedHashMap<>());
        }
    }

    @Override
    public Watch watch(PlannedTrial trial) {
        return step -> {
            double value = metric.of(step);
            if (Double.isNaN(value) && Double.isNaN(step.valLoss())) {
                return Optional.empty();
            }
            double[] cutoff = reach(trial.id(), step.epoch(), value);
            if (cutoff == null || !metric.worse(value, cutoff[0])) {
                return Optional.empty();
            }
            return Optional.of(new Finding(Rule.PRUNED_HYPERBAND, null, step.step(), value, cutoff[0],
                    String.format(Locale.ROOT, "stopped early: %s %.4g after epoch %d was outside the best 1/%d of "
                                    + "the %d trials that reached that epoch before it (%s %.4g)", metric.name(),
                            value, step.epoch(), eta, (int) cutoff[1], metric.maximize() ? "at least" : "at most",
                            cutoff[0])));
        };
    }

    /**
     * Records a trial's value at the end of {@code epoch} if that is a rung it has not reached before (Ray: the
     * highest rung at or below the epoch), and returns {cutoff, trials compared} from the values recorded there
     * before it, or null when there is nothing to compare (no rung, or the first trial at it).
     */
    synchronized double[] reach(String trialId, int epoch, double value) {
        for (Map.Entry<Integer, LinkedHashMap<String, Double>> rung : rungs.headMap(epoch, true).descendingMap()
                .entrySet()) {
            Map<String, Double> recorded = rung.getValue();
            if (recorded.containsKey(trialId)) {
                return null;
            }
            double[] cutoff = cutoff(recorded.values());
            recorded.put(trialId, value);
            return cutoff;
        }
        return null;
    }

    /** The (1 − 1/eta) quantile of the finite values in the better direction, and how many there were. */
    private double[] cutoff(java.util.Collection<Double> recorded) {
        double[] values = recorded.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        double q = metric.maximize() ? 1 - 1.0 / eta : 1.0 / eta;
        double rank = q * (values.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(values.length - 1, lo + 1);
        return new double[] {values[lo] + (rank - lo) * (values[hi] - values[lo]), recorded.size()};
    }

    /** A stored trial's values at the rungs it reached (from its trace), unless it recorded them while running. */
    @Override
    public void stored(TrialRecord record, Supplier<Trace> trace) {
        if (record.status() == TrialStatus.FAILED || known(record.id())) {
            return;
        }
        Trace t = trace.get();
        if (t == null) {
            return;
        }
        double[] values = EpochValues.byEpoch(t, metric.column());
        synchronized (this) {
            for (Map.Entry<Integer, LinkedHashMap<String, Double>> rung : rungs.entrySet()) {
                if (rung.getKey() <= values.length) {
                    rung.getValue().putIfAbsent(record.id(), values[rung.getKey() - 1]);
                }
            }
        }
    }

    private synchronized boolean known(String trialId) {
        return rungs.firstEntry().getValue().containsKey(trialId);
    }

    /** The rung epochs and the values recorded at each, for tests and reports. */
    public synchronized Map<Integer, List<Double>> recorded() {
        Map<Integer, List<Double>> out = new LinkedHashMap<>();
        rungs.forEach((epoch, values) -> {
            if (!values.isEmpty()) {
                out.put(epoch, new ArrayList<>(values.values()));
            }
        });
        return out;
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
