package dev.keel.report.html;

import dev.keel.report.model.Format;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.Recommendation;
import dev.keel.report.model.StabilityReport;
import dev.keel.report.model.VerdictSummary;

import java.util.HashMap;
import java.util.Map;

/** The summary (outcome counts) and the recommended defaults. */
final class SummarySection {
    private SummarySection() {
    }

    static String meaning(Outcome o) {
        return switch (o) {
            case STABLE -> "the loss fell and settled";
            case OSCILLATING -> "the loss kept swinging instead of settling";
            case DIVERGING -> "the loss blew up or became NaN: training was lost";
            case VANISHING -> "learning stalled: gradients did not reach the early layers";
            case FAILED -> "the trial stopped with an error; see its section";
        };
    }

    static void write(StringBuilder out, StabilityReport r) {
        VerdictSummary s = r.summary();
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"intro\">")
                .append(Html.esc(headline(s))).append("</p>\n<div class=\"cards\">");
        for (VerdictSummary.Count c : s.counts()) {
            out.append("<div class=\"card o-").append(c.outcome().token()).append("\"><div class=\"n\">")
                    .append(c.count()).append("</div><div class=\"l\">").append(c.outcome().token()).append(" · ")
                    .append(Format.percent(c.share())).append("</div></div>");
        }
        // No bar chart: the cards above and this table give the same counts (drawing it took a tenth of a
        // 16-trial report's time).
        out.append("</div>\n<div><div class=\"scroll\"><table><thead><tr><th>outcome</th><th class=\"num\">trials</th>")
                .append("<th class=\"num\">share</th><th>what it means</th></tr></thead><tbody>");
        for (VerdictSummary.Count c : s.counts()) {
            out.append("<tr><td>").append(Html.badge(c.outcome())).append("</td><td class=\"num\">").append(c.count())
                    .append("</td><td class=\"num\">").append(Format.percent(c.share())).append("</td><td>")
                    .append(meaning(c.outcome())).append("</td></tr>");
        }
        out.append("</tbody></table>");
        if (s.pruned() > 0) {
            out.append("<p class=\"muted\">").append(s.pruned()).append(" trial").append(s.pruned() == 1 ? " was" : "s were")
                    .append(" stopped early by the sweep (pruned) once its verdict was clear; pruned trials keep their verdict.</p>");
        }
        out.append("</div></div>\n</section>\n");
        recommendation(out, r);
    }

    static String headline(VerdictSummary s) {
        if (s.total() == 0) {
            return "No trial has finished yet.";
        }
        VerdictSummary.Count stable = s.count(Outcome.STABLE);
        StringBuilder h = new StringBuilder().append(stable.count()).append(" of ").append(s.total())
                .append(" trials (").append(Format.percent(stable.share())).append(") trained stably.");
        VerdictSummary.Count worst = null;
        for (VerdictSummary.Count c : s.counts()) {
            if (c.outcome() != Outcome.STABLE && c.count() > 0 && (worst == null || c.count() > worst.count())) {
                worst = c;
            }
        }
        if (worst != null) {
            h.append(" The most common problem was ").append(worst.outcome().token()).append(" (").append(worst.count())
                    .append(" trial").append(worst.count() == 1 ? "" : "s").append(").");
        }
        return h.toString();
    }

    private static void recommendation(StringBuilder out, StabilityReport r) {
        Recommendation rec = r.recommendation();
        out.append("<section id=\"recommended\">\n<h2>Recommended defaults</h2>\n<div class=\"callout\"><p>")
                .append(Html.esc(rec.reason())).append("</p>");
        if (rec.found()) {
            Map<String, String> anchors = new HashMap<>();
            r.rows().forEach(row -> anchors.put(row.id(), row.anchor()));
            out.append("<p>Trial").append(rec.best().seeds() == 1 ? "" : "s").append(": ");
            boolean first = true;
            for (String id : rec.best().trialIds()) {
                out.append(first ? "" : ", ").append("<a href=\"#").append(Html.esc(anchors.get(id))).append("\">")
                        .append(Html.esc(id)).append("</a>");
                first = false;
            }
            out.append(".</p>\n<div class=\"split\"><div class=\"scroll\"><table><thead><tr><th>knob</th><th>value</th>")
                    .append("</tr></thead><tbody>");
            StringBuilder yaml = new StringBuilder("parameters:\n");
            java.util.Set<String> varied = new java.util.HashSet<>();
            r.columns().forEach(k -> varied.add(k.name()));
            rec.best().params().forEach((k, v) -> {
                if (varied.contains(k)) {
                    out.append("<tr><td><b>").append(Html.esc(k)).append("</b></td><td><b>").append(Html.esc(Format.value(v)))
                            .append("</b></td></tr>");
                }
                yaml.append("  ").append(k).append(": {value: ").append(Format.value(v)).append("}\n");
            });
            out.append("</tbody></table><p class=\"muted\">The knobs the sweep varied. The others held one value in every trial; the full configuration is on the right.</p></div>")
                    .append("<div><p class=\"muted\">Every knob of this configuration, as a space's <code>parameters</code>:</p><pre>")
                    .append(Html.esc(yaml.toString())).append("</pre></div></div>");
        }
        out.append("</div>\n");
        long stable = r.rows().stream().filter(row -> row.outcome() == Outcome.STABLE).count();
        if (rec.found() && stable > 1) {
            out.append("<p class=\"muted\">").append(rec.stableConfigs()).append(" of ").append(rec.configs())
                    .append(" configurations were stable; the trial table below ranks them all.</p>\n");
        }
        out.append("</section>\n");
    }
}
