package dev.keel.sweep.prune;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.space.EarlyTermination;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.train.StepReport;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, step by step, whether a running trial should stop (Optuna's {@code BasePruner}): one watch per trial,
 * asked after every step on the trial's thread, and told of every trial that is stored, which is what pruners
 * that compare trials learn from. A stopped trial keeps its trace so far, is diagnosed from it, and its line is
 * {@code pruned} with the watch's finding first. Adding a pruner adds a class and a line in {@link #of}.
 *
 * <p>Serializable: a Spark task gets a copy of the driver's pruner as it was when the task was sent.
 */
public interface Pruner extends Serializable {

    /** Starts watching one trial. */
    Watch watch(PlannedTrial trial);

    /**
     * Tells the pruner a trial's line is stored (this run's trials, and on resume the earlier ones), with its trace
     * read only if the pruner asks ({@code null} when it has none). Called by the thread that writes the store.
     */
    default void stored(TrialRecord record, Supplier<Trace> trace) {
    }

    /** The pruner's view of one running trial. */
    @FunctionalInterface
    interface Watch {
        /** The finding to stop the trial with, or empty to let it go on. */
        Optional<Finding> observe(StepReport step);
    }

    /** Never stops a trial: {@code early_terminate: none}. */
    Pruner NONE = new All(List.of());

    /** The pruning of a space's {@code early_terminate}. */
    static Pruner of(SweepSpace space) {
        EarlyTermination e = space.earlyTerminate();
        return switch (e.type()) {
            case NONE -> NONE;
            case DIVERGENCE -> new DivergencePruner();
            case MEDIAN -> new All(List.of(new DivergencePruner(), new MedianPruner()));
            case HYPERBAND -> new All(List.of(new DivergencePruner(),
                    new HyperbandPruner(e.minIter(), e.eta(), RungMetric.of(space.metric()))));
        };
    }

    /** Several pruners at once: a trial stops at the first finding, asked in order. */
    record All(List<Pruner> pruners) implements Pruner {
        public All {
            pruners = List.copyOf(pruners);
        }

        @Override
        public Watch watch(PlannedTrial trial) {
            List<Watch> watches = pruners.stream().map(p -> p.watch(trial)).toList();
            return step -> {
                for (Watch w : watches) {
                    Optional<Finding> stop = w.observe(step);
                    if (stop.isPresent()) {
                        return stop;
                    }
                }
                return Optional.empty();
            };
        }

        @Override
        public void stored(TrialRecord record, Supplier<Trace> trace) {
            pruners.forEach(p -> p.stored(record, trace));
        }
    }
}
