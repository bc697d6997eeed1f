package dev.keel.report.chart;

import dev.keel.report.model.Curve;
import dev.keel.report.model.Example;
import dev.keel.report.model.GradientView;
import dev.keel.report.model.TraceCurves;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** Line charts over training steps: loss curves, one trial's curves, per-layer gradient norms. */
public final class CurveChart {
    /** A loss whose positive values span more than this ratio is drawn on a log axis (a blow-up, or 1e-4 floors). */
    static final double LOG_RATIO = 100;
    static final BasicStroke DASHED = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {4f, 3f}, 0f);

    private CurveChart() {
    }

    /**
     * The best stable runs' training loss, overlaid; {@code null} when there is none to draw. The legend is
     * left to the page (run {@code i} has colour {@link ChartStyle#runColor(int)}), where it can link to
     * each run's section.
     */
    public static ChartImage topStable(List<Example> runs) {
        XYChart chart = ChartStyle.xy(900, 380);
        chart.getStyler().setLegendVisible(false);
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("training loss");
        List<Curve> drawn = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Curve c = runs.get(i).curves().loss();
            if (c.isEmpty()) {
                continue;
            }
            XYSeries s = line(chart, runs.get(i).label(), c, ChartStyle.RUNS[i % ChartStyle.RUNS.length], 1.4f);
            if (s != null) {
                drawn.add(c);
            }
        }
        if (drawn.isEmpty()) {
            return null;
        }
        logIfWide(chart, drawn);
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS);
    }

    /** A failing run: training and validation loss, and a dashed line where the verdict was detected. */
    public static ChartImage failure(Example e) {
        XYChart chart = ChartStyle.xy(440, 280);
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("loss");
        return trialChart(chart, e.curves(), e.detectedStep(), ChartStyle.color(e.outcome()));
    }

    /** One trial's own small chart, in its section, as SVG ({@link TrialSvg}); {@code null} without a trace. */
    public static ChartImage trial(TraceCurves curves, Long detectedStep, dev.keel.report.model.Outcome outcome) {
        return curves == null ? null : TrialSvg.draw(curves, detectedStep, ChartStyle.color(outcome));
    }

    private static ChartImage trialChart(XYChart chart, TraceCurves curves, Long detectedStep, Color color) {
        List<Curve> drawn = new ArrayList<>();
        if (line(chart, "training loss", curves.loss(), color, 1.4f) != null) {
            drawn.add(curves.loss());
        }
        XYSeries val = line(chart, "validation loss", curves.valLoss(), ChartStyle.NEUTRAL, 1.3f);
        if (val != null) {
            val.setLineStyle(DASHED);
            drawn.add(curves.valLoss());
        }
        if (drawn.isEmpty()) {
            return null;
        }
        logIfWide(chart, drawn);
        if (detectedStep != null) {
            chart.addAnnotation(new AnnotationLine(detectedStep, true, false));
            double top = drawn.stream().mapToDouble(c -> max(c.y())).max().orElse(1);
            double bottom = drawn.stream().mapToDouble(c -> min(c.y())).min().orElse(0);
            double y = chart.getStyler().isYAxisLogarithmic() ? Math.sqrt(Math.max(top, 1e-300) * Math.max(bottom, 1e-300))
                    : (top + bottom) / 2;
            chart.addAnnotation(new AnnotationText("detected, step " + detectedStep, detectedStep, y, false));
        }
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS);
    }

    /**
     * One run's gradient norms per layer, on a log axis, coloured from input (light) to output (dark). The
     * legend is left to the page (layer {@code i} of {@code n} has colour {@link #layerColor(int, int)}):
     * layer names can be long and many.
     */
    public static ChartImage gradients(GradientView.Panel panel) {
        XYChart chart = ChartStyle.xy(440, 300);
        chart.getStyler().setLegendVisible(false);
        chart.setXAxisTitle("step");
        chart.setYAxisTitle("gradient norm (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        int n = panel.layers().size();
        Color[] inks = new Color[n];
        for (int i = 0; i < n; i++) {
            inks[i] = depth(i, n);
            line(chart, panel.layers().get(i).label(), panel.layers().get(i), inks[i], 1.5f);
        }
        chart.getStyler().setYAxisDecimalPattern(MapChart.Axes.LOG_PATTERN);
        return ChartStyle.png(chart, 2, ChartStyle.CHART_COLOURS, inks);
    }

    private static XYSeries line(XYChart chart, String name, Curve c, Color color, float width) {
        if (c.isEmpty()) {
            return null;
        }
        // XChart keys series by name; two runs may share a label, so make the name unique.
        String unique = name;
        for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
            unique = name + " (" + i + ")";
        }
        XYSeries s = chart.addSeries(unique, c.x(), c.y());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        return s;
    }

    private static void logIfWide(XYChart chart, List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Curve c : curves) {
            for (double v : c.y()) {
                if (v <= 0) {
                    return;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi / lo > LOG_RATIO) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
            chart.getStyler().setYAxisDecimalPattern(MapChart.Axes.LOG_PATTERN);
            chart.setYAxisTitle(chart.getYAxisTitle() == null ? "(log scale)" : chart.getYAxisTitle() + " (log scale)");
        }
    }

    /** The CSS colour of layer {@code i} of {@code n} in a gradient chart. */
    public static String layerColor(int i, int n) {
        Color c = depth(i, n);
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Viridis-like ramp: early layers light green-yellow, late layers dark blue-purple. */
    static Color depth(int i, int n) {
        float[][] stops = {{0.99f, 0.91f, 0.15f}, {0.37f, 0.79f, 0.38f}, {0.13f, 0.57f, 0.55f}, {0.23f, 0.32f, 0.55f},
            {0.27f, 0.00f, 0.33f}};
        float t = n <= 1 ? 1f : (float) i / (n - 1);
        float pos = t * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) pos);
        float f = pos - k;
        return new Color(stops[k][0] + f * (stops[k + 1][0] - stops[k][0]), stops[k][1] + f * (stops[k + 1][1] - stops[k][1]),
                stops[k][2] + f * (stops[k + 1][2] - stops[k][2]));
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
