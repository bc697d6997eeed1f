package dev.keel.sweep.train;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * AdaGrad that keeps its learning-rate schedule when DL4J copies the configuration into each layer:
 * 1.0.0-M2.1's {@code AdaGrad.clone()} drops the schedule, leaving a NaN rate that turned every weight NaN
 * on the first step.
 */
final class ScheduledAdaGrad extends AdaGrad {
    ScheduledAdaGrad(ISchedule learningRate) {
        super(learningRate);
    }

    @Override
    public AdaGrad clone() {
        return new ScheduledAdaGrad(getLearningRateSchedule().clone());
    }
}
