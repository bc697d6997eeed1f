/**
 * The report's page: one class a section, the frame, the styles and the one script, all text escaped by {@code
 * Html}. Uses the model and the charts; used by {@link dev.keel.report.ReportWriter} only.
 */
package dev.keel.report.html;
