package dev.keel.report.html;

import java.util.List;
import java.util.Map;

/**
 * The parts every keel page shares: the head (inline CSS, a Content-Security-Policy that forbids loading
 * anything from anywhere and running any script but the table script), the dark header band, the
 * navigation, and the footer.
 */
final class PageFrame {
    /**
     * Nothing may be fetched: images only from data: URIs, styles only inline, one script by hash. An
     * injected {@code <script>} would be refused even if escaping ever failed.
     */
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src "
            + TableScript.cspHash() + "; base-uri 'none'; form-action 'none'";

    private PageFrame() {
    }

    /** Opens the document and writes the header band; {@code facts} are label → value, both plain text. */
    static void open(StringBuilder out, String title, String heading, String lead, Map<String, String> facts,
                     List<String[]> nav) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"keel\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n")
                .append("<style>\n").append(Styles.css()).append("</style>\n</head>\n<body>\n");
        out.append("<header class=\"top\"><div class=\"wrap\">\n<h1>").append(Html.esc(heading)).append("</h1>\n");
        if (lead != null && !lead.isBlank()) {
            out.append("<p class=\"lead\">").append(Html.esc(lead)).append("</p>\n");
        }
        out.append("<dl>\n");
        facts.forEach((k, v) -> out.append("<div><dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(v))
                .append("</dd></div>\n"));
        out.append("</dl>\n</div></header>\n");
        out.append("<nav class=\"toc\" aria-label=\"Sections\"><div class=\"wrap\">");
        for (String[] link : nav) {
            out.append("<a href=\"#").append(Html.esc(link[0])).append("\">").append(Html.esc(link[1])).append("</a>");
        }
        out.append("</div></nav>\n<main class=\"wrap\">\n");
    }

    static void close(StringBuilder out, String footer, boolean withScript) {
        out.append("</main>\n<footer class=\"wrap\">").append(Html.esc(footer)).append("</footer>\n");
        if (withScript) {
            out.append("<script>").append(TableScript.SOURCE).append("</script>\n");
        }
        out.append("</body>\n</html>\n");
    }
}
