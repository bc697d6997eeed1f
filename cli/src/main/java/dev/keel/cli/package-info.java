/**
 * The command line: one picocli command a class ({@code SweepCommand}, {@code DiagnoseCommand}, {@code
 * ReportCommand}, {@code RecommendCommand}, {@code SpacesCommand}) declared on {@link dev.keel.cli.KeelCommand},
 * which maps exceptions to exit codes; the options several commands share ({@code RunOptions}, {@code SeedOption},
 * mixed in); what a terminal is shown (progress bar, summary, escaped text). The only package that writes to stdout
 * and stderr. It may use every other module; nothing uses it. It loads {@code dev.keel.spark} by name only.
 */
package dev.keel.cli;
