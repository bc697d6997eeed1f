package dev.keel.report.chart;

import dev.keel.report.model.Curve;
import dev.keel.report.model.TraceCurves;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A trial's own small chart (training loss, validation loss dashed, the step of detection) written as SVG
 * text: a report has one per trial, and drawing, reducing and deflating an XChart PNG for each took half of
 * a 1,000-trial report's time, where this is string building. The SVG is as small as the PNG was (about
 * 4 KB) because its text is text, not glyph outlines (which is what made XChart's own SVG 125 KB). It
 * travels as a {@code data:} URI in an {@code <img>}, like every chart, so the page's Content-Security-Policy
 * and its layout are unchanged. Axes follow the PNG charts: a loss spanning more than
 * {@link CurveChart#LOG_RATIO} is drawn on a log axis of whole decades.
 */
final class TrialSvg {
    static final int WIDTH = 440;
    static final int HEIGHT = 200;
    private static final int FONT = 10;
    /** Approximate advance of one digit at {@link #FONT} px, to leave room for the y labels. */
    private static final double CHAR_WIDTH = 5.6;
    private static final int TICKS = 5;

    private TrialSvg() {
    }

    /** {@code null} when there is nothing to draw. */
    static ChartImage draw(TraceCurves curves, Long detectedStep, Color color) {
        List<Curve> drawn = new ArrayList<>();
        if (!curves.loss().isEmpty()) {
            drawn.add(curves.loss());
        }
        if (!curves.valLoss().isEmpty()) {
            drawn.add(curves.valLoss());
        }
        if (drawn.isEmpty()) {
            return null;
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean positive = true;
        for (Curve c : drawn) {
            for (int i = 0; i < c.size(); i++) {
                xMin = Math.min(xMin, c.x()[i]);
                xMax = Math.max(xMax, c.x()[i]);
                yMin = Math.min(yMin, c.y()[i]);
                yMax = Math.max(yMax, c.y()[i]);
                positive &= c.y()[i] > 0;
            }
        }
        boolean log = positive && yMax / yMin > CurveChart.LOG_RATIO;
        Axis y = log ? Axis.decades(yMin, yMax) : Axis.linear(yMin, yMax);
        Axis x = Axis.linear(xMin, xMax);

        int labelChars = 0;
        for (String l : y.labels) {
            labelChars = Math.max(labelChars, l.length());
        }
        double left = 8 + labelChars * CHAR_WIDTH + 6;
        double right = WIDTH - 12;
        double top = 8;
        double bottom = HEIGHT - 8 - 16 - 14;
        Frame f = new Frame(x, y, log, left, right, top, bottom);

        StringBuilder s = new StringBuilder(4096);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"").append(FONT).append("\" fill=\"")
                .append(hex(ChartStyle.INK)).append("\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        s.append("<g stroke=\"").append(hex(ChartStyle.GRID)).append("\" stroke-width=\"1\">");
        for (double t : y.ticks) {
            double py = f.py(t);
            s.append("<line x1=\"").append(n(left)).append("\" x2=\"").append(n(right)).append("\" y1=\"")
                    .append(n(py)).append("\" y2=\"").append(n(py)).append("\"/>");
        }
        for (double t : x.ticks) {
            double px = f.px(t);
            s.append("<line x1=\"").append(n(px)).append("\" x2=\"").append(n(px)).append("\" y1=\"")
                    .append(n(top)).append("\" y2=\"").append(n(bottom)).append("\"/>");
        }
        s.append("</g><g text-anchor=\"end\">");
        for (int i = 0; i < y.ticks.length; i++) {
            s.append("<text x=\"").append(n(left - 5)).append("\" y=\"").append(n(f.py(y.ticks[i]) + 3.5)).append("\">")
                    .append(y.labels[i]).append("</text>");
        }
        s.append("</g><g text-anchor=\"middle\">");
        for (int i = 0; i < x.ticks.length; i++) {
            s.append("<text x=\"").append(n(f.px(x.ticks[i]))).append("\" y=\"").append(n(bottom + 13)).append("\">")
                    .append(x.labels[i]).append("</text>");
        }
        s.append("<text x=\"").append(n((left + right) / 2)).append("\" y=\"").append(HEIGHT - 8)
                .append("\" font-size=\"11\">step</text></g>");
        line(s, f, curves.loss(), hex(color), "1.4", null);
        line(s, f, curves.valLoss(), hex(ChartStyle.NEUTRAL), "1.3", "4 3");
        if (detectedStep != null && detectedStep >= x.min && detectedStep <= x.max) {
            double px = f.px(detectedStep);
            s.append("<line x1=\"").append(n(px)).append("\" x2=\"").append(n(px)).append("\" y1=\"").append(n(top))
                    .append("\" y2=\"").append(n(bottom)).append("\" stroke=\"").append(hex(ChartStyle.INK))
                    .append("\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/><text x=\"").append(n(px + 3))
                    .append("\" y=\"").append(n((top + bottom) / 2))
                    .append("\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">detected, step ").append(detectedStep)
                    .append("</text>");
        }
        s.append("</svg>");
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        return new ChartImage("data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(bytes), WIDTH, HEIGHT,
                bytes.length);
    }

    private static void line(StringBuilder s, Frame f, Curve c, String colour, String width, String dashes) {
        if (c.isEmpty()) {
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
                .append("\" stroke-linejoin=\"round\"");
        if (dashes != null) {
            s.append(" stroke-dasharray=\"").append(dashes).append('"');
        }
        s.append(" points=\"");
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(n(f.px(c.x()[i]))).append(',').append(n(f.py(c.y()[i])));
        }
        s.append("\"/>");
    }

    /** A coordinate with one decimal, without String.format's cost. */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        int frac = (int) Math.abs(tenths % 10);
        String sign = tenths < 0 && whole == 0 ? "-" : "";
        return frac == 0 ? sign + whole : sign + whole + "." + frac;
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Data to pixels. */
    private record Frame(Axis x, Axis y, boolean log, double left, double right, double top, double bottom) {
        double px(double v) {
            return left + (v - x.min) / (x.max - x.min) * (right - left);
        }

        double py(double v) {
            double t = log ? (Math.log10(v) - Math.log10(y.min)) / (Math.log10(y.max) - Math.log10(y.min))
                    : (v - y.min) / (y.max - y.min);
            return bottom - t * (bottom - top);
        }
    }

    /** An axis's range and its labelled ticks. */
    static final class Axis {
        final double min;
        final double max;
        final double[] ticks;
        final String[] labels;

        private Axis(double min, double max, double[] ticks, String[] labels) {
            this.min = min;
            this.max = max;
            this.ticks = ticks;
            this.labels = labels;
        }

        /** About {@link #TICKS} ticks at 1, 2 or 5 times a power of ten, the range padded by 4%. */
        static Axis linear(double lo, double hi) {
            if (hi <= lo) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
                lo -= pad;
                hi += pad;
            }
            double pad = (hi - lo) * 0.04;
            double min = lo - pad;
            double max = hi + pad;
            double raw = (max - min) / TICKS;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power
                    : 10 * power;
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            List<Double> ticks = new ArrayList<>();
            for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            String[] labels = new String[ticks.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = String.format(Locale.ROOT, "%." + decimals + "f", ticks.get(i));
            }
            return new Axis(min, max, ticks.stream().mapToDouble(Double::doubleValue).toArray(), labels);
        }

        /** Whole decades that enclose the values. */
        static Axis decades(double lo, double hi) {
            int from = (int) Math.floor(Math.log10(lo));
            int to = (int) Math.ceil(Math.log10(hi));
            if (to == from) {
                to++;
            }
            int every = Math.max(1, (to - from + TICKS - 1) / TICKS);
            List<Double> ticks = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int e = from; e <= to; e += every) {
                ticks.add(Math.pow(10, e));
                labels.add(e >= -4 && e <= 5 ? new java.math.BigDecimal(java.math.BigInteger.ONE, -e).toPlainString()
                        : "1e" + e);
            }
            return new Axis(Math.pow(10, from), Math.pow(10, to), ticks.stream().mapToDouble(Double::doubleValue)
                    .toArray(), labels.toArray(new String[0]));
        }
    }
}
