/**
 * The data pipeline: built-in data sets and CSV files read, encoded, split by the sweep's seed ({@code Splitter}),
 * preprocessed and augmented; {@link dev.keel.sweep.data.Seeds}, every seed keel derives. Uses the config; used by
 * the space, the samplers, training, the run and recommend.
 */
package dev.keel.sweep.data;
