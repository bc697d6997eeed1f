/**
 * Native memory under {@code nopointergc}: networks and an op executioner that free what they allocate outside
 * workspaces, so a long sweep's memory stays flat (docs/PERFORMANCE.md). Depends on ND4J and DL4J only; used by
 * training and the run.
 */
package dev.keel.sweep.train.memory;
