/**
 * One trial on DL4J: {@link dev.keel.sweep.train.Dl4jKnobs} turns each knob into its DL4J object, {@code
 * NetworkFactory} assembles the network, {@link dev.keel.sweep.train.Trainer} trains it while {@code TraceRecorder}
 * records the trace. Uses the config, the data and the trace; used by the run, pruners and the listener.
 */
package dev.keel.sweep.train;
