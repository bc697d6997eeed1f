package dev.keel.report.html;

import dev.keel.report.chart.RegionChart;
import dev.keel.report.model.Format;
import dev.keel.report.model.SearchView;
import dev.keel.report.model.StabilityReport;
import dev.keel.sweep.search.StableRegion;
import dev.keel.sweep.search.WhatMattered;

import java.util.Locale;

/** Which knobs decided stability and the metric; for a bayes sweep, how the model searched and its stable region. */
final class SearchSection {
    private SearchSection() {
    }

    static void write(StringBuilder out, StabilityReport r) {
        SearchView s = r.search();
        String metric = r.header().objective().name();
        out.append("<section id=\"search\">\n<h2>What mattered</h2>\n");
        WhatMattered w = s.mattered();
        if (w == null || w.isEmpty()) {
            out.append("<p class=\"muted\">Too few trials, or every trial had the same outcome: nothing to compare."
                    + "</p>\n");
        } else {
            out.append("<p class=\"intro\">How much each knob the sweep varied decided the outcome (PED-ANOVA: how ")
                    .append("differently a knob's values are spread among the stable trials than among all ")
                    .append(w.trials()).append(" trials, and among the best ").append(w.top())
                    .append(" stable trials by ").append(Html.esc(metric)).append(" than among all ").append(w.stable())
                    .append(" stable trials). Each column adds up to 100%.</p>\n")
                    .append("<div class=\"scroll\"><table><thead><tr><th>knob</th><th class=\"num\">decides stability")
                    .append("</th><th></th><th class=\"num\">decides ").append(Html.esc(metric))
                    .append("</th><th></th></tr></thead><tbody>");
            for (WhatMattered.Knob k : w.knobs()) {
                out.append("<tr><td>").append(Html.esc(k.name())).append("</td>").append(share(k.stability()))
                        .append(share(k.metric())).append("</tr>");
            }
            out.append("</tbody></table></div>\n");
        }
        if (s.learnt()) {
            learnt(out, s);
        }
        out.append("</section>\n");
    }

    private static String share(double v) {
        if (Double.isNaN(v)) {
            return "<td class=\"num\">–</td><td></td>";
        }
        return "<td class=\"num\">" + Format.percent(v) + "</td><td><div class=\"bar\" role=\"img\" aria-label=\""
                + Format.percent(v) + "\"><span class=\"o-stable\" style=\"width:"
                + String.format(Locale.ROOT, "%.1f", v * 100) + "%\"></span></div></td>";
    }

    private static void learnt(StringBuilder out, SearchView s) {
        out.append("<h3>How the model searched</h3>\n<p class=\"intro\">The first trials were drawn at random ")
                .append("(<span class=\"tag\">startup</span> in the trial table); once enough had finished, a model of ")
                .append("them chose the rest (<span class=\"tag\">model</span>), steering away from configurations it ")
                .append("expected to oscillate, diverge or vanish.</p>\n<div class=\"scroll\"><table><thead><tr>")
                .append("<th>chosen by</th><th class=\"num\">trials</th><th class=\"num\">not stable</th>")
                .append("<th class=\"num\">share</th></tr></thead><tbody>");
        row(out, "random startup", s.startup());
        row(out, "the model", s.model());
        out.append("</tbody></table></div>\n");
        if (s.regions().isEmpty()) {
            return;
        }
        out.append("<h3>Where the model thinks the stable region ends</h3>\n<p class=\"intro\">The model's ")
                .append("probability that a trial trains stably along each number the sweep varied, for each value of ")
                .append(s.regions().get(0).byKnob() == null ? "nothing else" : "<b>"
                        + Html.esc(s.regions().get(0).byKnob()) + "</b>")
                .append(", averaged over the other knobs as the trials set them. Inside the region it is at least ")
                .append("one half (the dashed line).</p>\n<div class=\"figures\">\n");
        for (StableRegion region : s.regions()) {
            boolean log = logScale(region);
            out.append("<figure>").append(Html.img(RegionChart.draw(region, log), "P(stable) along " + region.knob(),
                    false)).append("<figcaption><strong>").append(Html.esc(region.knob())).append("</strong>: ");
            boolean first = true;
            for (StableRegion.Band b : region.bands()) {
                out.append(first ? "" : "; ").append(Html.esc(sentence(b)));
                first = false;
            }
            out.append(".</figcaption></figure>\n");
        }
        out.append("</div>\n");
    }

    private static void row(StringBuilder out, String label, SearchView.Share share) {
        out.append("<tr><td>").append(label).append("</td><td class=\"num\">").append(share.trials())
                .append("</td><td class=\"num\">").append(share.unstable()).append("</td><td class=\"num\">")
                .append(share.trials() == 0 ? "–" : Format.percent(share.unstableShare())).append("</td></tr>");
    }

    /** {@code adam: stable up to 0.00042}: where the band's probability is at least one half. */
    static String sentence(StableRegion.Band b) {
        return b.category() + ": " + StableRegion.describe(b, Format::number);
    }

    private static boolean logScale(StableRegion region) {
        double[] v = region.bands().get(0).values();
        return v[0] > 0 && v[v.length - 1] / v[0] > 100;
    }
}
