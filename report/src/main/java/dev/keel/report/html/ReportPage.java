package dev.keel.report.html;

import dev.keel.report.model.Format;
import dev.keel.report.model.Header;
import dev.keel.report.model.LogFolder;
import dev.keel.report.model.StabilityReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stability report as one self-contained HTML page: summary and recommendation first, then the maps
 * and effects that explain them, then curves, then every trial.
 */
public final class ReportPage {
    static final List<String[]> NAV = List.of(
            new String[] {"summary", "Summary"}, new String[] {"recommended", "Recommended"},
            new String[] {"maps", "Stability maps"}, new String[] {"effects", "Knob effects"},
            new String[] {"search", "What mattered"},
            new String[] {"curves", "Loss curves"}, new String[] {"gradients", "Gradients"},
            new String[] {"trials", "Trials"}, new String[] {"details", "Trial details"});

    private ReportPage() {
    }

    public static String render(StabilityReport r) {
        return render(r, Runtime.getRuntime().availableProcessors());
    }

    /** The page, its charts drawn on {@code chartThreads} threads. */
    public static String render(StabilityReport r, int chartThreads) {
        StringBuilder out = new StringBuilder(1 << 20);
        Header h = r.header();
        PageFrame.open(out, h.name() + " · keel stability report", h.name(), h.description(), facts(h), NAV);
        if (!r.notes().isEmpty()) {
            out.append("<div class=\"callout warn\" id=\"notes\"><h3>Read this first</h3><ul>");
            r.notes().forEach(n -> out.append("<li>").append(Html.esc(n)).append("</li>"));
            out.append("</ul></div>\n");
        }
        try (PageCharts charts = PageCharts.start(r, chartThreads)) {
            SummarySection.write(out, r);
            MapsSection.write(out, r, charts);
            EffectsSection.write(out, r);
            SearchSection.write(out, r);
            CurvesSection.write(out, r, charts);
            TrialsSection.write(out, r, charts);
        }
        PageFrame.close(out, "Written by keel " + h.keelVersion() + " from " + h.trials() + " trials of '"
                + h.name() + "'.", true);
        return out.toString();
    }

    static Map<String, String> facts(Header h) {
        Map<String, String> f = new LinkedHashMap<>();
        if (h.data() != null) {
            var d = h.data();
            StringBuilder data = new StringBuilder(d.source());
            if (d.target() != null) {
                data.append(" → ").append(d.target());
            }
            f.put("Data", data.toString());
            StringBuilder shape = new StringBuilder();
            shape.append(d.task() == null ? "" : d.task() + ", ").append(d.rows()).append(" rows, ")
                    .append(d.features()).append(" features");
            if (!d.classes().isEmpty()) {
                shape.append(", ").append(d.classes().size()).append(" classes");
            }
            f.put("Task", shape.toString());
            f.put("Split", "train " + d.trainRows() + " · validation " + d.validationRows() + " · test " + d.testRows());
        }
        if (LogFolder.METHOD.equals(h.method())) {
            f.put("Logs", h.trials() + " training logs, not a keel sweep: each diagnosed as keel diagnose does");
            f.put("Metric", h.objective().name() + " (" + h.objective().goal().words() + ")");
            f.put("Varied", h.varied().isEmpty() ? "nothing keel could read" : String.join(", ", h.varied()));
            f.put("Versions", "keel " + h.keelVersion());
            return f;
        }
        f.put("Sweep", h.method() + ", " + h.trials() + " of " + h.planned() + " trials"
                + (h.repeats() > 1 ? ", " + h.repeats() + " seeds per configuration" : "") + ", seed " + h.seed());
        f.put("Metric", h.objective().name() + " (" + h.objective().goal().words() + ")");
        f.put("Varied", h.varied().isEmpty() ? "nothing" : String.join(", ", h.varied()));
        f.put("Started", h.startedAt() == null ? "unknown" : h.startedAt());
        f.put("Training time", Format.duration(h.trialSeconds()) + " (all trials added up)");
        f.put("Versions", "keel " + h.keelVersion() + " · Deeplearning4j " + h.dl4jVersion());
        return f;
    }
}
