package dev.keel.report.chart;

import dev.keel.sweep.search.StableRegion;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

/**
 * P(stable) along a numeric knob, one line per value of the knob it is split by: where the search's model thinks
 * the stable region ends (the line crosses one half).
 */
public final class RegionChart {
    private RegionChart() {
    }

    /** {@code null} when there is nothing to draw. */
    public static ChartImage draw(StableRegion region, boolean logX) {
        if (region.bands().isEmpty()) {
            return null;
        }
        XYChart chart = ChartStyle.xy(440, 260);
        chart.setXAxisTitle(region.knob() + (logX ? " (log scale)" : ""));
        chart.setYAxisTitle("P(stable)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        if (logX) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
            chart.getStyler().setXAxisDecimalPattern(MapChart.Axes.LOG_PATTERN);
        }
        Color[] inks = new Color[region.bands().size()];
        for (int i = 0; i < region.bands().size(); i++) {
            StableRegion.Band b = region.bands().get(i);
            inks[i] = ChartStyle.RUNS[i % ChartStyle.RUNS.length];
            XYSeries s = chart.addSeries(b.category(), b.values(), b.probability());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(inks[i]);
            s.setLineWidth(1.8f);
        }
        double[] ends = {region.bands().get(0).values()[0],
                region.bands().get(0).values()[region.bands().get(0).values().length - 1]};
        XYSeries half = chart.addSeries("P = 0.5", ends, new double[] {StableRegion.INSIDE, StableRegion.INSIDE});
        half.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        half.setMarker(SeriesMarkers.NONE);
        half.setLineColor(ChartStyle.NEUTRAL);
        half.setLineStyle(CurveChart.DASHED);
        chart.getStyler().setLegendVisible(region.byKnob() != null);
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS, inks);
    }
}
