package dev.keel.sweep.run;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.train.StopHook;
import dev.keel.sweep.train.Trainer;
import dev.keel.sweep.train.TrialOutcome;

/**
 * How a {@link SweepSession} trains one trial. keel trains with {@link Trainer}; the seam lets a caller run
 * the same session logic (stop hook, diagnosis, failure records) around a trainer of its own, e.g. one that
 * fails the way a broken native library would.
 */
@FunctionalInterface
public interface TrialTrainer {
    /** keel's trainer, with per-layer statistics. */
    TrialTrainer KEEL = (config, data, seed, hook) -> new Trainer().train(config, data, seed, hook);

    TrialOutcome train(TrialConfig config, PreparedData data, long seed, StopHook hook);
}
