package dev.keel.sweep.prune;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.stability.DivergenceMonitor;
import dev.keel.sweep.sampler.PlannedTrial;

import java.util.Optional;

/**
 * {@code early_terminate: {type: divergence}} (and beside median and hyperband): an online form of the classifier
 * ({@link DivergenceMonitor}) sees every step's loss, gradient norm and parameter norm and stops the trial as soon
 * as divergence is certain. It fires only on rules the offline classifier applies the same way, so it never stops
 * a trial the classifier would call anything but diverging (docs/DIAGNOSIS.md, The online form).
 */
public final class DivergencePruner implements Pruner {
    private static final long serialVersionUID = 1L;

    @Override
    public Watch watch(PlannedTrial trial) {
        DivergenceMonitor monitor = new DivergenceMonitor();
        return step -> {
            DivergenceMonitor.Decision d = monitor.observe(step.step(), step.loss(), step.gradNorm(), step.paramNorm());
            return d.shouldStop()
                    ? Optional.of(new Finding(Rule.PRUNED_DIVERGING, null, d.step(), Double.NaN, Double.NaN,
                    "stopped early: " + d.reason()))
                    : Optional.empty();
        };
    }
}
