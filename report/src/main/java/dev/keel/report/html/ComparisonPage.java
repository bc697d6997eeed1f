package dev.keel.report.html;

import dev.keel.report.chart.SummaryChart;
import dev.keel.report.model.Comparison;
import dev.keel.report.model.Format;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.Recommendation;
import dev.keel.report.model.SweepResults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Two sweeps side by side, e.g. before and after adding batch norm. */
public final class ComparisonPage {
    /** More knob-value rows than this bury the ones that changed most; the rest are counted. */
    static final int MAX_SHIFTS = 25;
    static final List<String[]> NAV = List.of(new String[] {"summary", "Outcomes"},
            new String[] {"settings", "What differs"}, new String[] {"knobs", "Knob values"},
            new String[] {"recommended", "Recommended"});

    private ComparisonPage() {
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder(1 << 16);
        String title = c.a().name() + " vs " + c.b().name();
        Map<String, String> facts = new LinkedHashMap<>();
        side(facts, "A", c.a());
        side(facts, "B", c.b());
        PageFrame.open(out, title + " · keel comparison", title, c.headline(), facts, NAV);
        List<String> notes = new java.util.ArrayList<>();
        c.a().results().problems().forEach(p -> notes.add("A: " + p));
        c.b().results().problems().forEach(p -> notes.add("B: " + p));
        if (!notes.isEmpty()) {
            out.append("<div class=\"callout warn\" id=\"notes\"><h3>Read this first</h3><ul>");
            notes.forEach(n -> out.append("<li>").append(Html.esc(n)).append("</li>"));
            out.append("</ul></div>\n");
        }
        outcomes(out, c);
        settings(out, c);
        shifts(out, c);
        recommendations(out, c);
        PageFrame.close(out, "Written by keel. Each sweep's own report has its maps, curves and trials.", false);
        return out.toString();
    }

    private static void side(Map<String, String> facts, String label, Comparison.Side s) {
        SweepResults r = s.results();
        facts.put(label, s.name());
        facts.put(label + " folder", r.dir().toString());
        facts.put(label + " trials", r.trials().size() + " (" + r.method() + ", metric " + r.objective().name() + ")");
    }

    private static void outcomes(StringBuilder out, Comparison c) {
        out.append("<section id=\"summary\">\n<h2>Outcomes</h2>\n<p class=\"intro\">").append(Html.esc(c.headline()))
                .append("</p>\n<div class=\"split\"><figure>")
                .append(Html.img(SummaryChart.draw(c), "Share of trials per outcome in each sweep", false))
                .append("<figcaption>Share of trials per outcome: A light, B dark.</figcaption></figure>\n")
                .append("<div class=\"scroll\"><table><thead><tr><th>outcome</th><th class=\"num\">A</th>")
                .append("<th class=\"num\">B</th><th class=\"num\">change</th></tr></thead><tbody>");
        for (Outcome o : Outcome.values()) {
            double a = c.a().summary().share(o);
            double b = c.b().summary().share(o);
            out.append("<tr><td>").append(Html.badge(o)).append("</td><td class=\"num\">").append(Format.percent(a))
                    .append(" (").append(c.a().summary().count(o).count()).append(")</td><td class=\"num\">")
                    .append(Format.percent(b)).append(" (").append(c.b().summary().count(o).count())
                    .append(")</td><td class=\"num\">").append(points(b - a)).append("</td></tr>");
        }
        out.append("</tbody></table>\n<table><thead><tr><th></th><th class=\"num\">A</th><th class=\"num\">B</th></tr>")
                .append("</thead><tbody><tr><td>trials</td><td class=\"num\">").append(c.a().summary().total())
                .append("</td><td class=\"num\">").append(c.b().summary().total()).append("</td></tr>")
                .append("<tr><td>stable configurations</td><td class=\"num\">").append(stableConfigs(c.a().recommendation()))
                .append("</td><td class=\"num\">").append(stableConfigs(c.b().recommendation())).append("</td></tr>")
                .append("<tr><td>best stable ").append(Html.esc(c.a().results().objective().name()))
                .append(c.a().results().objective().equals(c.b().results().objective()) ? ""
                        : " / " + Html.esc(c.b().results().objective().name()))
                .append("</td><td class=\"num\">").append(best(c.a())).append("</td><td class=\"num\">").append(best(c.b()))
                .append("</td></tr></tbody></table></div></div>\n</section>\n");
    }

    private static String stableConfigs(Recommendation r) {
        return r.stableConfigs() + " of " + r.configs();
    }

    private static String best(Comparison.Side s) {
        return Double.isNaN(s.best()) ? "–" : Html.esc(Format.number(s.best()));
    }

    private static String points(double change) {
        long p = Math.round(change * 100);
        return p == 0 ? "0" : (p > 0 ? "+" : "−") + Math.abs(p) + " pts";
    }

    private static void settings(StringBuilder out, Comparison c) {
        out.append("<section id=\"settings\">\n<h2>What differs</h2>\n");
        if (c.settings().isEmpty()) {
            out.append("<p class=\"intro\">Both sweeps tried the same values of every knob; they differ only in ")
                    .append("their data, seeds or trial count.</p>\n");
        } else {
            out.append("<p class=\"intro\">Knobs whose values differ between the sweeps: the change being compared.</p>\n")
                    .append("<div class=\"scroll\"><table><thead><tr><th>knob</th><th>A</th><th>B</th></tr></thead><tbody>");
            for (Comparison.SettingDifference d : c.settings()) {
                out.append("<tr><td>").append(Html.esc(d.knob())).append("</td><td>").append(Html.esc(d.a()))
                        .append("</td><td>").append(Html.esc(d.b())).append("</td></tr>");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</section>\n");
    }

    private static void shifts(StringBuilder out, Comparison c) {
        out.append("<section id=\"knobs\">\n<h2>Knob values in both sweeps</h2>\n");
        if (c.shifts().isEmpty()) {
            out.append("<p class=\"intro\">No varied knob value was tried in both sweeps.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"intro\">For each knob value both sweeps tried, the share of its trials that trained ")
                .append("stably in each; the largest changes first.</p>\n<div class=\"scroll\"><table><thead><tr>")
                .append("<th>knob</th><th>value</th><th class=\"num\">A stable</th><th class=\"num\">B stable</th>")
                .append("<th class=\"num\">change</th></tr></thead><tbody>");
        int shown = 0;
        for (Comparison.Shift s : c.shifts()) {
            if (shown++ == MAX_SHIFTS) {
                break;
            }
            out.append("<tr><td>").append(Html.esc(s.knob())).append("</td><td>").append(Html.esc(s.value()))
                    .append("</td><td class=\"num\">").append(Format.percent(s.stableA())).append(" of ").append(s.trialsA())
                    .append("</td><td class=\"num\">").append(Format.percent(s.stableB())).append(" of ").append(s.trialsB())
                    .append("</td><td class=\"num\">").append(points(s.change())).append("</td></tr>");
        }
        out.append("</tbody></table></div>\n");
        if (c.shifts().size() > MAX_SHIFTS) {
            out.append("<p class=\"muted\">").append(c.shifts().size() - MAX_SHIFTS)
                    .append(" rows with smaller changes are not shown.</p>\n");
        }
        out.append("</section>\n");
    }

    private static void recommendations(StringBuilder out, Comparison c) {
        out.append("<section id=\"recommended\">\n<h2>Recommended defaults of each</h2>\n<div class=\"split\">");
        for (Comparison.Side s : List.of(c.a(), c.b())) {
            Recommendation r = s.recommendation();
            out.append("<div class=\"callout\"><h3>").append(s == c.a() ? "A: " : "B: ").append(Html.esc(s.name()))
                    .append("</h3><p>").append(Html.esc(r.reason())).append("</p>");
            if (r.found()) {
                StringBuilder yaml = new StringBuilder();
                r.best().params().forEach((k, v) -> yaml.append(k).append(": ").append(Format.value(v)).append('\n'));
                out.append("<p class=\"muted\">Trial").append(r.best().seeds() == 1 ? " " : "s ")
                        .append(Html.esc(String.join(", ", r.best().trialIds()))).append("</p><pre>")
                        .append(Html.esc(yaml.toString())).append("</pre>");
            }
            out.append("</div>");
        }
        out.append("</div>\n</section>\n");
    }
}
