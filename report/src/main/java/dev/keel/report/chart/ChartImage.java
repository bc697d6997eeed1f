package dev.keel.report.chart;

/**
 * A drawn chart, ready to inline in a page.
 *
 * @param dataUri {@code data:image/png;base64,…} (or {@code data:image/svg+xml;base64,…} for a trial's own chart):
 *                the image travels inside the page, never loaded from a host
 * @param width   display width in CSS pixels
 * @param height  display height in CSS pixels
 * @param bytes   size of the encoded image, before base64
 */
public record ChartImage(String dataUri, int width, int height, int bytes) {
}
