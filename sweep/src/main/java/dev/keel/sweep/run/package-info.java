/**
 * A sweep: {@link dev.keel.sweep.run.SweepRunner} starts or resumes one, {@code SweepSession} asks the sampler, hands
 * trials to an executor ({@link dev.keel.sweep.run.LocalExecutor}, or Spark's through {@link
 * dev.keel.sweep.run.SweepExecutor}), prunes and stores each result from the one thread that started it. Uses the
 * space, samplers, pruners, training and the store; used by recommend, the cli and the Spark executor.
 */
package dev.keel.sweep.run;
