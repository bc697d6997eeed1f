/**
 * A trial's knobs: {@link dev.keel.sweep.config.TrialConfig} (every knob resolved, built and changed by name through
 * its builder) and one type a knob with its YAML tokens. Depends on nothing of keel's; used by every package that
 * plans, trains or reports a trial.
 */
package dev.keel.sweep.config;
