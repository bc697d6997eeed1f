package dev.keel.report.chart;

import dev.keel.report.model.Outcome;
import dev.keel.report.model.StabilityMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;

/** A stability map: one dot per trial, coloured by outcome, on the two knobs' axes. */
public final class MapChart {
    static final int WIDTH = 540;
    static final int HEIGHT = 360;
    /** Colour of the largest-stable-learning-rate marks. */
    static final Color LIMIT = new Color(0x11, 0x11, 0x11);

    private MapChart() {
    }

    public static ChartImage draw(StabilityMap map) {
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT);
        // One legend for all maps is in the page: repeated in every chart it would take a third of its width.
        chart.getStyler().setLegendVisible(false);
        chart.setXAxisTitle(map.x().knob() + (map.x().logScale() ? " (log scale)" : ""));
        chart.setYAxisTitle(map.y().knob() + (map.y().logScale() ? " (log scale)" : ""));
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        Axes.configure(chart, map.x(), true, WIDTH);
        Axes.configure(chart, map.y(), false, HEIGHT);
        for (Outcome o : Outcome.values()) {
            List<StabilityMap.Point> pts = map.points().stream().filter(p -> p.outcome() == o).toList();
            if (pts.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(o.token() + " (" + pts.size() + ")",
                    pts.stream().mapToDouble(StabilityMap.Point::x).toArray(),
                    pts.stream().mapToDouble(StabilityMap.Point::y).toArray());
            s.setMarker(o == Outcome.FAILED ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartStyle.color(o));
        }
        if (!map.limits().isEmpty()) {
            XYSeries s = chart.addSeries("largest stable " + map.x().knob(),
                    map.limits().stream().mapToDouble(StabilityMap.Point::x).toArray(),
                    map.limits().stream().mapToDouble(StabilityMap.Point::y).toArray());
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(LIMIT);
        }
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS, LIMIT);
    }

    /** Axis set-up shared by maps: log scales, and categories as labelled positions 0, 1, 2, …. */
    static final class Axes {
        /** Decades as 0.0001 … 1000 rather than 1E-4. */
        static final String LOG_PATTERN = "0.########";

        private Axes() {
        }

        static void configure(XYChart chart, StabilityMap.Axis axis, boolean x, int pixels) {
            var s = chart.getStyler();
            if (axis.categorical()) {
                List<String> cats = axis.categories();
                double lo = -0.5;
                double hi = cats.size() - 0.5;
                // XChart widens the tick step until all tick labels differ, ticks beyond both ends included.
                // Half steps inside the range share one blank label (so they are refused and only whole
                // steps survive); ticks beyond the ends get blanks of distinct lengths (odd below, even
                // above), or no step would ever pass and XChart would loop forever.
                java.util.function.Function<Double, String> label = v -> {
                    long i = Math.round(v);
                    if (Math.abs(v - i) < 1e-6 && i >= 0 && i < cats.size()) {
                        return cats.get((int) i);
                    }
                    if (v < 0) {
                        return " ".repeat(1 + 2 * (int) Math.round(-v * 2));
                    }
                    if (v > cats.size() - 1) {
                        return " ".repeat(2 + 2 * (int) Math.round((v - cats.size() + 1) * 2));
                    }
                    return "\u2009";
                };
                // A tick every category: XChart spaces ticks by a pixel hint, so ask for the category width.
                int hint = Math.max(12, (int) (pixels * 0.7 / (cats.size() + 1)));
                if (x) {
                    s.setXAxisMin(lo).setXAxisMax(hi);
                    s.setXAxisTickMarkSpacingHint(hint);
                    chart.setCustomXAxisTickLabelsFormatter(label);
                    s.setPlotGridVerticalLinesVisible(false);
                } else {
                    s.setYAxisMin(lo).setYAxisMax(hi);
                    s.setYAxisTickMarkSpacingHint(hint);
                    chart.setCustomYAxisTickLabelsFormatter(label);
                    s.setPlotGridHorizontalLinesVisible(false);
                }
            } else if (axis.logScale()) {
                // A custom label formatter would replace XChart's decade ticks with linear ones.
                if (x) {
                    s.setXAxisLogarithmic(true);
                    s.setXAxisLogarithmicDecadeOnly(true);
                    s.setXAxisDecimalPattern(LOG_PATTERN);
                } else {
                    s.setYAxisLogarithmic(true);
                    s.setYAxisLogarithmicDecadeOnly(true);
                    s.setYAxisDecimalPattern(LOG_PATTERN);
                }
            }
        }
    }
}
