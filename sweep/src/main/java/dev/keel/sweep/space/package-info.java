/**
 * The search space file: {@link dev.keel.sweep.space.SpaceParser} reads the YAML into a {@link
 * dev.keel.sweep.space.SweepSpace} (every key resolved; built by name through its builder), its parameters (fixed,
 * choice, distribution, conditional), the metric and its direction ({@link dev.keel.sweep.space.Metric.Goal}, the one
 * definition) and early termination. Uses the config and the data spec; used by everything that plans or reports a
 * sweep.
 */
package dev.keel.sweep.space;
