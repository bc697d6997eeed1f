/**
 * The stability classifier: {@link dev.keel.diagnose.stability.StabilityClassifier} tries the rules of {@code
 * DivergenceRules}, {@code OscillationRules} and {@code VanishingRules} in that order on what {@code Evidence} reads
 * of a trace; {@link dev.keel.diagnose.stability.Thresholds} and {@link dev.keel.diagnose.stability.Calibration} hold
 * their numbers; {@link dev.keel.diagnose.stability.DivergenceMonitor} is its online form, fed every step. Uses the
 * trace; never DL4J. Used by the cli, the sweep's run and pruners, the report's model and the listener.
 */
package dev.keel.diagnose.stability;
