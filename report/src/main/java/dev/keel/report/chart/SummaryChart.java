package dev.keel.report.chart;

import dev.keel.report.model.Comparison;
import dev.keel.report.model.Outcome;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Two sweeps' outcome shares side by side. One sweep's report has no bar chart: its cards and table give the
 * same counts.
 */
public final class SummaryChart {
    static final Color SWEEP_A = new Color(0x9A, 0xA4, 0xB1);
    static final Color SWEEP_B = new Color(0x2B, 0x4C, 0x7E);

    private SummaryChart() {
    }

    /** Two bars per outcome: each sweep's share of trials. */
    public static ChartImage draw(Comparison comparison) {
        CategoryChart chart = ChartStyle.category(640, 320);
        chart.setYAxisTitle("share of trials (%)");
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("#");
        List<String> names = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            names.add(o.token());
            a.add(100 * comparison.a().summary().share(o));
            b.add(100 * comparison.b().summary().share(o));
        }
        chart.addSeries("A: " + comparison.a().name(), names, a).setFillColor(SWEEP_A);
        chart.addSeries("B: " + comparison.b().name(), names, b).setFillColor(SWEEP_B);
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS, SWEEP_A, SWEEP_B);
    }
}
