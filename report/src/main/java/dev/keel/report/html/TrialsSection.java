package dev.keel.report.html;

import dev.keel.report.model.FindingText;
import dev.keel.report.model.Format;
import dev.keel.report.model.Knob;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.StabilityReport;
import dev.keel.report.model.TrialDetail;
import dev.keel.report.model.TrialRow;

import java.util.HashSet;
import java.util.Set;

/** The sortable table of every trial, and one section per trial with its curves and findings. */
final class TrialsSection {
    private TrialsSection() {
    }

    static void write(StringBuilder out, StabilityReport r, PageCharts charts) {
        String metric = r.header().objective().name();
        out.append("<section id=\"trials\">\n<h2>All trials</h2>\n<p class=\"intro\">Stable trials first, best ")
                .append(Html.esc(metric)).append(" first within each outcome. Click a column to sort; click a trial ")
                .append("for its curves and findings.</p>\n");
        out.append("<div id=\"trial-filter\" hidden><label>Filter <input type=\"search\" placeholder=\"any text\" ")
                .append("aria-label=\"Filter trials by text\"></label><label>Outcome <select aria-label=\"Filter by outcome\">")
                .append("<option value=\"\">all</option>");
        for (Outcome o : Outcome.values()) {
            out.append("<option>").append(o.token()).append("</option>");
        }
        out.append("</select></label><output></output></div>\n");
        out.append("<div class=\"scroll\"><table id=\"trial-table\"><thead><tr><th>trial</th><th>outcome</th>")
                .append("<th class=\"num\">confidence</th>");
        for (Knob k : r.columns()) {
            out.append("<th").append(k.numeric() ? " class=\"num\"" : "").append(">").append(Html.esc(k.name())).append("</th>");
        }
        out.append("<th class=\"num\">").append(Html.esc(metric)).append("</th><th class=\"num\">epochs</th>")
                .append("<th class=\"num\">steps</th><th class=\"num\">seconds</th></tr></thead>\n<tbody>\n");
        for (TrialRow row : r.rows()) {
            out.append("<tr data-outcome=\"").append(row.outcome().token()).append("\"><td><a href=\"#")
                    .append(Html.esc(row.anchor())).append("\">").append(Html.esc(row.id())).append("</a>")
                    .append(row.chosenBy() == null ? "" : " <span class=\"tag\" title=\"" + (row.chosenBy().equals("model")
                            ? "chosen by the model of the finished trials" : "drawn at random before the model had enough"
                            + " finished trials") + "\">" + row.chosenBy() + "</span>").append("</td>")
                    .append("<td class=\"outcome\" data-sort=\"").append(row.outcome().ordinal()).append("\">")
                    .append(Html.badge(row.outcome()))
                    .append(row.status().equals("pruned") ? " <span class=\"tag\">pruned</span>" : "").append("</td>")
                    .append(Html.numberCell(row.confidence(), null));
            for (int i = 0; i < r.columns().size(); i++) {
                Knob k = r.columns().get(i);
                String v = row.values().get(i);
                if (k.numeric()) {
                    double d = parse(v);
                    out.append("<td class=\"num\" data-sort=\"").append(Double.isNaN(d) ? "" : Double.toString(d)).append("\">")
                            .append(Html.esc(v)).append("</td>");
                } else {
                    out.append("<td>").append(Html.esc(v)).append("</td>");
                }
            }
            out.append(Html.numberCell(row.metric(), null)).append("<td class=\"num\">").append(row.epochs())
                    .append("</td><td class=\"num\">").append(row.steps()).append("</td>")
                    .append(Html.numberCell(Double.isFinite(row.seconds()) ? Math.round(row.seconds() * 10) / 10.0
                            : Double.NaN, null)).append("</tr>\n"); // a log says no time: a dash, not 0
        }
        out.append("</tbody></table></div>\n</section>\n");
        details(out, r, charts);
    }

    private static double parse(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void details(StringBuilder out, StabilityReport r, PageCharts charts) {
        Set<String> varied = new HashSet<>();
        r.columns().forEach(k -> varied.add(k.name()));
        out.append("<section id=\"details\">\n<h2>Trial details</h2>\n<p class=\"intro\">One section per trial, in the ")
                .append("table's order: its verdict and the evidence in plain words, its loss curves (validation dashed; ")
                .append("the dashed vertical line is where the verdict became evident), and every setting (the knobs the ")
                .append("sweep varied in bold).</p>\n");
        for (int i = 0; i < r.details().size(); i++) {
            TrialDetail d = r.details().get(i);
            TrialRow row = d.row();
            out.append("<article class=\"trial\" id=\"").append(Html.esc(row.anchor())).append("\"><h3>")
                    .append(Html.esc(row.id())).append(' ').append(Html.badge(row.outcome()))
                    .append(" <a class=\"up\" href=\"#trials\">back to the table</a></h3>\n<div class=\"trial-body\"><div>")
                    .append(Html.img(charts.trial(i),
                            "Loss curves of trial " + row.id(), true));
            if (d.curves() == null) {
                out.append("<p class=\"muted\">No trace was recorded for this trial.</p>");
            } else if (d.curves().nonFiniteStep() != null) {
                out.append("<p class=\"muted\">The loss is not finite from step ").append(d.curves().nonFiniteStep())
                        .append(" on; those steps are not drawn.</p>");
            }
            out.append("</div><div>\n<p>").append(Html.esc(verdictSentence(d))).append("</p>\n");
            if (d.error() != null) {
                out.append("<pre class=\"error\">").append(Html.esc(d.error())).append("</pre>\n");
            }
            if (!d.findings().isEmpty()) {
                out.append("<ul class=\"findings\">");
                for (FindingText f : d.findings()) {
                    out.append("<li><strong>").append(Html.esc(f.title())).append(":</strong> ").append(Html.esc(f.sentence()));
                    if (!f.evidence().isEmpty()) {
                        out.append(" <span class=\"evidence\">(").append(Html.esc(f.evidence())).append(")</span>");
                    }
                    out.append("</li>");
                }
                out.append("</ul>\n");
            }
            out.append("<dl class=\"facts\"><dt>status</dt><dd>").append(Html.esc(row.status())).append("</dd>")
                    .append("<dt>seed</dt><dd>").append(d.seed()).append("</dd>")
                    .append("<dt>ran</dt><dd>").append(row.epochs()).append(" epochs, ").append(row.steps())
                    .append(" steps, ").append(Html.esc(Format.duration(row.seconds()))).append("</dd>");
            if (!d.metrics().isEmpty()) {
                StringBuilder m = new StringBuilder();
                d.metrics().forEach((k, v) -> m.append(m.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
                out.append("<dt>metrics</dt><dd>").append(Html.esc(m.toString())).append("</dd>");
            }
            out.append("</dl>\n<p class=\"params\">");
            boolean first = true;
            for (var p : d.params().entrySet()) {
                boolean bold = varied.contains(p.getKey());
                out.append(first ? "" : " · ").append(bold ? "<b>" : "").append(Html.esc(p.getKey())).append(' ')
                        .append(Html.esc(p.getValue())).append(bold ? "</b>" : "");
                first = false;
            }
            out.append("</p></div></div></article>\n");
        }
        out.append("</section>\n");
    }

    static String verdictSentence(TrialDetail d) {
        TrialRow row = d.row();
        if (row.outcome() == Outcome.FAILED) {
            return "This trial stopped with an error before it could be diagnosed:";
        }
        StringBuilder s = new StringBuilder("Diagnosed ").append(row.outcome().token());
        if (!Double.isNaN(row.confidence())) {
            s.append(" with confidence ").append(Format.percent(row.confidence()));
        }
        if (d.detectedStep() != null) {
            s.append(", evident from step ").append(d.detectedStep());
        }
        s.append(": ").append(SummarySection.meaning(row.outcome())).append('.');
        if (row.status().equals("pruned")) {
            s.append(" The sweep stopped it early to spend the time on other trials.");
        }
        return s.toString();
    }
}
