/**
 * When a sweep stops a trial early: the {@link dev.keel.sweep.prune.Pruner} interface (a watch per trial, told of
 * every stored trial) and its divergence, median and hyperband (ASHA) implementations. Used by
 * {@code dev.keel.sweep.run}; a Spark task gets a serialized copy of the driver's pruner.
 */
package dev.keel.sweep.prune;
