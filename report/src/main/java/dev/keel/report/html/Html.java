package dev.keel.report.html;

import dev.keel.report.chart.ChartImage;
import dev.keel.report.model.Format;
import dev.keel.report.model.Outcome;

/**
 * Writing HTML safely. Every string that comes from a user, a data file or a trace (space names, knob
 * values, layer names, error messages) goes through {@link #esc}; markup is only ever constant text.
 */
final class Html {
    private Html() {
    }

    /** Escapes text for element content and for quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(rep);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** An outcome as a coloured word. */
    static String badge(Outcome o) {
        return "<span class=\"badge o-" + o.token() + "\">" + o.token() + "</span>";
    }

    /** A chart as an inline image, or a plain note when there was nothing to draw. */
    static String img(ChartImage chart, String alt, boolean lazy) {
        if (chart == null) {
            return "<p class=\"muted\">Nothing to draw.</p>";
        }
        return "<img src=\"" + chart.dataUri() + "\" width=\"" + chart.width() + "\" height=\"" + chart.height()
                + "\" alt=\"" + esc(alt) + "\"" + (lazy ? " loading=\"lazy\" decoding=\"async\"" : "") + ">";
    }

    /** A number for a table cell, with its raw value kept for sorting; NaN reads as a dash. */
    static String numberCell(double v, String cssClass) {
        String cls = cssClass == null ? "num" : "num " + cssClass;
        if (Double.isNaN(v)) {
            return "<td class=\"" + cls + "\" data-sort=\"\">–</td>";
        }
        return "<td class=\"" + cls + "\" data-sort=\"" + v + "\">" + esc(Format.number(v)) + "</td>";
    }

    /** A 100% stacked bar of outcome shares; readable without colour through its title and the table beside. */
    static String shareBar(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        StringBuilder b = new StringBuilder("<div class=\"bar\" role=\"img\" aria-label=\"");
        StringBuilder label = new StringBuilder();
        StringBuilder segments = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            int c = counts[o.ordinal()];
            if (c == 0 || total == 0) {
                continue;
            }
            double share = (double) c / total;
            label.append(label.isEmpty() ? "" : ", ").append(o.token()).append(' ').append(Format.percent(share));
            segments.append("<span class=\"o-").append(o.token()).append("\" style=\"width:")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", share * 100)).append("%\" title=\"")
                    .append(o.token()).append(": ").append(c).append("\"></span>");
        }
        return b.append(esc(label.toString())).append("\">").append(segments).append("</div>").toString();
    }
}
