package dev.keel.report.html;

import dev.keel.report.model.Format;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.StabilityMap;
import dev.keel.report.model.StabilityMaps;
import dev.keel.report.model.StableLimits;
import dev.keel.report.model.StabilityReport;

/** Stability maps and the largest stable learning rate per optimiser. */
final class MapsSection {
    private MapsSection() {
    }

    static void write(StringBuilder out, StabilityReport r, PageCharts charts) {
        StabilityMaps maps = r.maps();
        out.append("<section id=\"maps\">\n<h2>Stability maps</h2>\n");
        if (maps.maps().isEmpty()) {
            out.append("<p class=\"intro\">A map needs two knobs that varied; this sweep varied ")
                    .append(r.columns().size() == 1 ? "one" : "none").append(". See the knob effects below.</p>\n");
        } else {
            out.append("<p class=\"intro\">Each dot is one trial, placed by two of the knobs the sweep varied and ")
                    .append("coloured by its outcome; the other knobs vary underneath. Where the colours change is where ")
                    .append("training stops being stable. Dots that share a value are spread a little so none hides ")
                    .append("another; the axis labels give the true values. The most telling pairs come first.</p>\n");
        }
        limits(out, maps.limits());
        if (!maps.maps().isEmpty()) {
            out.append("<ul class=\"legend\">");
            for (Outcome o : Outcome.values()) {
                out.append("<li><i class=\"dot o-").append(o.token()).append("\"></i>").append(o.token()).append("</li>");
            }
            if (!maps.limits().isEmpty()) {
                out.append("<li><i class=\"diamond\"></i>largest stable learning rate of a row</li>");
            }
            out.append("</ul>\n<div class=\"figures\">\n");
            for (int i = 0; i < maps.maps().size(); i++) {
                StabilityMap m = maps.maps().get(i);
                out.append("<figure>").append(Html.img(charts.map(i), "Stability map of " + m.title(), false))
                        .append("<figcaption><strong>").append(Html.esc(m.title())).append("</strong>")
                        .append(m.limits().isEmpty() ? "" : "; diamonds mark the largest stable learning rate of each row")
                        .append(".</figcaption></figure>\n");
            }
            out.append("</div>\n");
        }
        if (!maps.omitted().isEmpty()) {
            out.append("<p class=\"muted\">Pairs not drawn (they explain the outcome less): ")
                    .append(Html.esc(String.join(", ", maps.omitted()))).append(".</p>\n");
        }
        out.append("</section>\n");
    }

    private static void limits(StringBuilder out, StableLimits limits) {
        if (limits.isEmpty()) {
            return;
        }
        String by = limits.byKnob() == null ? "" : limits.byKnob();
        out.append("<h3>Largest stable learning rate").append(by.isEmpty() ? "" : " per " + Html.esc(by)).append("</h3>\n")
                .append("<p class=\"intro\">The largest learning rate at which a trial trained stably, across the other ")
                .append("knobs' values, and the next larger rate that oscillated or diverged: the limit lies between them.</p>\n")
                .append("<div class=\"scroll\"><table><thead><tr><th>").append(by.isEmpty() ? "trials" : Html.esc(by))
                .append("</th><th class=\"num\">trials</th><th class=\"num\">largest stable</th>")
                .append("<th class=\"num\">next unstable</th><th>in words</th></tr></thead><tbody>");
        for (StableLimits.Limit l : limits.limits()) {
            out.append("<tr><td>").append(Html.esc(l.category())).append("</td><td class=\"num\">").append(l.trials())
                    .append("</td><td class=\"num\">").append(l.largestStable() == null ? "none" : Html.esc(Format.number(l.largestStable())))
                    .append("</td><td class=\"num\">");
            if (l.nextUnstable() != null) {
                out.append(Html.esc(Format.number(l.nextUnstable()))).append(' ').append(Html.badge(l.nextUnstableOutcome()));
            } else {
                out.append("–");
            }
            out.append("</td><td>").append(Html.esc(l.sentence())).append("</td></tr>");
        }
        out.append("</tbody></table></div>\n");
    }
}
