package dev.keel.report.chart;

import dev.keel.report.model.Outcome;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The look every chart shares, and the one way charts become images.
 *
 * <p>Charts are PNG, not SVG: XChart draws every glyph as an outline, so its SVG of a small loss chart
 * weighs about 125 KB against 10 KB of PNG (measured on XChart 3.8.8), and a 500-trial report must stay
 * under 10 MB. Main charts are drawn at twice their CSS size so they stay sharp on high-density screens.
 */
public final class ChartStyle {
    static {
        // XChart paints with AWT; a report is written on servers and in CI without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color INK = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xE3, 0xE6, 0xEA);
    /** Validation curves and marks that are not a verdict. */
    static final Color NEUTRAL = new Color(0x55, 0x5B, 0x66);
    /**
     * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; the same in the
     * page's CSS badges.
     */
    static final Color STABLE = new Color(0x00, 0x9E, 0x73);
    static final Color OSCILLATING = new Color(0xE6, 0x9F, 0x00);
    static final Color DIVERGING = new Color(0xD5, 0x5E, 0x00);
    static final Color VANISHING = new Color(0x00, 0x72, 0xB2);
    static final Color FAILED = new Color(0x99, 0x99, 0x99);
    /** Overlaid runs: a qualitative palette that avoids suggesting a verdict by colour alone. */
    static final Color[] RUNS = {
        new Color(0x1F, 0x77, 0xB4), new Color(0x9A, 0x4D, 0xBF), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xE3, 0x77, 0xC2), new Color(0x17, 0xBE, 0xCF), new Color(0x8C, 0x56, 0x4B),
        new Color(0xBC, 0xBD, 0x22), new Color(0x7F, 0x7F, 0x7F)};

    private ChartStyle() {
    }

    public static Color color(Outcome o) {
        return switch (o) {
            case STABLE -> STABLE;
            case OSCILLATING -> OSCILLATING;
            case DIVERGING -> DIVERGING;
            case VANISHING -> VANISHING;
            case FAILED -> FAILED;
        };
    }

    /** The CSS hex form of an outcome's colour, so badges and charts agree. */
    public static String cssColor(Outcome o) {
        Color c = color(o);
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** The CSS colour of the {@code i}-th overlaid run, for legends drawn in the page. */
    public static String runColor(int i) {
        Color c = RUNS[i % RUNS.length];
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static XYChart xy(int width, int height) {
        XYChart chart = new XYChart(width, height);
        axes(chart.getStyler());
        return chart;
    }

    static CategoryChart category(int width, int height) {
        CategoryChart chart = new CategoryChart(width, height);
        axes(chart.getStyler());
        return chart;
    }

    private static void axes(AxesChartStyler s) {
        s.setBaseFont(BASE);
        s.setChartTitleVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(GRID);
        s.setAxisTickLabelsFont(BASE.deriveFont(11f));
        s.setAxisTitleFont(BASE.deriveFont(12f));
        s.setLegendFont(BASE.deriveFont(11f));
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartPadding(8);
        s.setPlotMargin(6);
        s.setAnnotationLineColor(INK);
        s.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        s.setAnnotationTextFont(BASE.deriveFont(11f));
        s.setAnnotationTextFontColor(INK);
        s.setAntiAlias(true);
    }

    /** Palette size of the main charts: their inks plus enough blends for smooth edges. */
    static final int CHART_COLOURS = 32;

    /**
     * Draws a chart to PNG at {@code scale} device pixels per CSS pixel, reduced to a palette of
     * {@code colours} (see {@link Palette}; {@code extraInks} are colours drawn besides the shared ones),
     * written by {@link PngEncoder}. A 440×200 trial chart takes about 5 KB this way against 20 KB in true
     * colour (measured on the report fixture).
     */
    static ChartImage png(Chart<?, ?> chart, int scale, int colours, Color... extraInks) {
        int w = chart.getWidth();
        int h = chart.getHeight();
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        chart.paint(g, w, h);
        g.dispose();
        List<Color> inks = new ArrayList<>(List.of(Color.WHITE, INK, GRID, NEUTRAL, STABLE, OSCILLATING, DIVERGING,
                VANISHING, FAILED, Color.BLACK));
        inks.addAll(List.of(RUNS));
        inks.addAll(List.of(extraInks));
        return encode(Palette.reduce(image, colours, inks), w, h);
    }

    private static ChartImage encode(Palette.Indexed image, int w, int h) {
        byte[] bytes = PngEncoder.encode(image);
        return new ChartImage("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes), w, h,
                bytes.length);
    }
}
