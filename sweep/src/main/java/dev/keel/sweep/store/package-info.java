/**
 * The result store, files only and no DL4J: {@link dev.keel.sweep.store.ResultStore} writes a trial's trace and its
 * line of trials.jsonl ({@link dev.keel.sweep.store.TrialRecord}), crash-safe, and reads a run back through {@link
 * dev.keel.sweep.store.TrialsFile}, the one reader; sweep.json, run folders and their lock. Uses the diagnose
 * basics and the trace; used by the run, samplers, pruners, recommend, the report, Spark and the cli.
 */
package dev.keel.sweep.store;
