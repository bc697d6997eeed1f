/**
 * keel inside someone else's DL4J training: {@link dev.keel.listener.KeelListener}, a {@code TrainingListener} that
 * records a keel trace of any network, watches it for certain divergence and diagnoses it. For users' programs; keel's
 * own sweeps train through {@code dev.keel.sweep.train} and do not use it.
 */
package dev.keel.listener;
