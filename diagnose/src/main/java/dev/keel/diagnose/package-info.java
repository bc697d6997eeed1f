/**
 * What every module shares about a diagnosis: {@link dev.keel.diagnose.Verdict}, {@link dev.keel.diagnose.Rule},
 * {@link dev.keel.diagnose.Finding}, {@link dev.keel.diagnose.Diagnosis} and its JSON, {@link
 * dev.keel.diagnose.BadInputException} (exit 2), {@link dev.keel.diagnose.Json}, {@link dev.keel.diagnose.InputFiles}
 * and {@link dev.keel.diagnose.Numbers}, every way a number is written for people. It depends on nothing of keel's;
 * every package may use it.
 */
package dev.keel.diagnose;
