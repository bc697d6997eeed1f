/**
 * The report's charts (XChart): {@link dev.keel.report.chart.ChartStyle}, the look every chart shares and the one way
 * a chart becomes an image, and one class a kind of chart, each drawn from a plain record of the model. Used by the
 * page ({@code dev.keel.report.html}) only.
 */
package dev.keel.report.chart;
