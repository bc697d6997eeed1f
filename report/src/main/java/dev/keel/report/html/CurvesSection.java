package dev.keel.report.html;

import dev.keel.report.chart.ChartStyle;
import dev.keel.report.chart.CurveChart;
import dev.keel.report.model.Example;
import dev.keel.report.model.GradientView;
import dev.keel.report.model.Outcome;
import dev.keel.report.model.StabilityReport;

import java.util.List;

/** Loss curves of the best stable runs and of one failure of each kind; gradient norms per layer. */
final class CurvesSection {
    private CurvesSection() {
    }

    static void write(StringBuilder out, StabilityReport r, PageCharts charts) {
        out.append("<section id=\"curves\">\n<h2>Loss curves</h2>\n");
        List<Example> top = r.curves().topStable();
        if (top.isEmpty()) {
            out.append("<p class=\"intro\">No stable trial has a trace to draw.</p>\n");
        } else {
            out.append("<p class=\"intro\">Training loss of the ").append(top.size()).append(" best stable trial")
                    .append(top.size() == 1 ? "" : "s").append(" by ").append(Html.esc(r.header().objective().name()))
                    .append(", overlaid. Curves are thinned to a few hundred points per run, keeping each stretch's ")
                    .append("highest and lowest value, so spikes stay visible.</p>\n<figure>")
                    .append(Html.img(charts.topStable(), "Training loss of the best stable trials", false))
                    .append("<figcaption><ul class=\"legend\">");
            for (int i = 0; i < top.size(); i++) {
                Example e = top.get(i);
                out.append("<li><i style=\"background:").append(ChartStyle.runColor(i)).append("\"></i><a href=\"#")
                        .append(Html.esc(e.anchor())).append("\">").append(Html.esc(e.label())).append("</a></li>");
            }
            out.append("</ul></figcaption></figure>\n");
        }
        List<Example> failures = r.curves().failures();
        if (!failures.isEmpty()) {
            out.append("<h3>How the failures looked</h3>\n<p class=\"intro\">The most confident example of each kind of ")
                    .append("failure. The dashed vertical line marks the step at which the diagnosis was evident; the ")
                    .append("dashed curve is the validation loss.</p>\n<div class=\"figures\">\n");
            for (int i = 0; i < failures.size(); i++) {
                Example e = failures.get(i);
                out.append("<figure><h3>").append(Html.badge(e.outcome())).append(" <a href=\"#")
                        .append(Html.esc(e.anchor())).append("\">").append(Html.esc(e.trialId())).append("</a></h3>")
                        .append(Html.img(charts.failure(i), e.outcome().token() + " example: loss of trial " + e.trialId(), false))
                        .append("<figcaption>").append(Html.esc(e.caption())).append("</figcaption></figure>\n");
            }
            out.append("</div>\n");
        }
        out.append("</section>\n");
        gradients(out, r.gradients(), charts);
    }

    private static void gradients(StringBuilder out, GradientView view, PageCharts charts) {
        out.append("<section id=\"gradients\">\n<h2>Gradient norms per layer</h2>\n");
        if (view.panels().isEmpty()) {
            out.append("<p class=\"intro\">No trace recorded per-layer gradient norms (<code>grad_norm/&lt;layer&gt;</code> ")
                    .append("columns), so there is nothing to show here.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"intro\">The gradient norm of each layer over training, on a log scale, from the input ")
                .append("layer (light) to the output layer (dark). In a healthy run the lines stay within an order of ")
                .append("magnitude or two of each other; when gradients vanish, the early layers sit orders of magnitude ")
                .append("below the last, so they barely learn.</p>\n<div class=\"figures\">\n");
        for (int k = 0; k < view.panels().size(); k++) {
            GradientView.Panel p = view.panels().get(k);
            Example e = p.example();
            out.append("<figure><h3>").append(Html.badge(e.outcome())).append(" <a href=\"#").append(Html.esc(e.anchor()))
                    .append("\">").append(Html.esc(e.trialId())).append("</a></h3>")
                    .append(Html.img(charts.gradients(k), "Gradient norm per layer of trial " + e.trialId(), false))
                    .append("<figcaption><ul class=\"legend\">");
            int n = p.layers().size();
            for (int i = 0; i < n; i++) {
                out.append("<li><i style=\"background:").append(CurveChart.layerColor(i, n)).append("\"></i>")
                        .append(Html.esc(p.layers().get(i).label())).append("</li>");
            }
            out.append("</ul>").append(Html.esc(e.caption())).append("</figcaption></figure>\n");
        }
        out.append("</div>\n");
        if (view.panels().get(0).example().outcome() != Outcome.VANISHING) {
            out.append("<p class=\"muted\">No vanishing trial recorded gradient norms; the first panel shows another failure.</p>\n");
        }
        out.append("</section>\n");
    }
}
