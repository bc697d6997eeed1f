package dev.keel.report.html;

import dev.keel.report.model.Format;
import dev.keel.report.model.KnobEffect;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.StabilityReport;
import dev.keel.report.model.TrialRow;

import java.util.HashMap;
import java.util.Map;

/** For each varied knob: how each of its values fared. */
final class EffectsSection {
    private EffectsSection() {
    }

    static void write(StringBuilder out, StabilityReport r) {
        String metric = r.header().objective().name();
        Map<String, String> anchors = new HashMap<>();
        for (TrialRow row : r.rows()) {
            anchors.put(row.id(), row.anchor());
        }
        out.append("<section id=\"effects\">\n<h2>Knob effects</h2>\n<p class=\"intro\">For each knob the sweep ")
                .append("varied, the share of each outcome among the trials that used each value, and the best ")
                .append(Html.esc(metric)).append(" among that value's stable trials. Knobs that decide the outcome ")
                .append("most come first; numbers with many values are grouped into ranges.</p>\n");
        if (r.effects().isEmpty()) {
            out.append("<p class=\"muted\">No knob varied.</p>\n");
        }
        for (KnobEffect e : r.effects()) {
            out.append("<h3>").append(Html.esc(e.knob().name()));
            if (!e.headline().isEmpty()) {
                out.append(" <span class=\"muted\">— ").append(Html.esc(e.headline())).append("</span>");
            }
            out.append("</h3>\n<div class=\"scroll\"><table><thead><tr><th>value</th><th class=\"num\">trials</th>")
                    .append("<th>outcomes</th>");
            for (Outcome o : Outcome.values()) {
                out.append("<th class=\"num\">").append(o.token()).append("</th>");
            }
            out.append("<th class=\"num\">best ").append(Html.esc(metric)).append("</th></tr></thead><tbody>");
            for (KnobEffect.Row row : e.rows()) {
                int[] counts = row.counts().stream().mapToInt(Integer::intValue).toArray();
                out.append("<tr><td>").append(Html.esc(row.value())).append("</td><td class=\"num\">").append(row.trials())
                        .append("</td><td>").append(Html.shareBar(counts)).append("</td>");
                for (Outcome o : Outcome.values()) {
                    out.append("<td class=\"num\">").append(row.count(o) == 0 ? "–" : Format.percent(row.share(o)))
                            .append("</td>");
                }
                out.append("<td class=\"num\">");
                if (row.bestTrial() != null) {
                    out.append("<a href=\"#").append(Html.esc(anchors.get(row.bestTrial()))).append("\">")
                            .append(Html.esc(Format.number(row.bestMetric()))).append("</a>");
                } else {
                    out.append("–");
                }
                out.append("</td></tr>");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</section>\n");
    }
}
