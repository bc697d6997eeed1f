/**
 * The HTML report: {@link dev.keel.report.ReportWriter} reads a run folder (or two, or a folder of logs) into the
 * model, draws the charts and writes one self-contained page. Reads files only, never DL4J or ND4J. Used by the cli.
 */
package dev.keel.report;
