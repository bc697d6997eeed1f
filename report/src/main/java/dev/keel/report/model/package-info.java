/**
 * What the report says, as plain records tested without images: the trials of a run ({@code SweepResults}, read
 * through the store), outcomes, stability maps, knob effects, curves, the comparison of two runs and the recommended
 * defaults (through {@code dev.keel.sweep.recommend.CandidateSelector}, the one rule). Uses the store, the space, the
 * config and the diagnosis; used by the charts, the page and the cli.
 */
package dev.keel.report.model;
