/**
 * The Spark executor, in its own jar: {@link dev.keel.spark.SparkExecutor} runs a sweep's trials as Spark tasks and
 * hands the results back to the driver, which alone writes the store. Uses the sweep's run, sampler, pruners and
 * store; nothing depends on it: {@code keel sweep --executor spark} loads it by name.
 */
package dev.keel.spark;
