package dev.keel.report.html;

import dev.keel.report.FixtureSweep;
import dev.keel.report.ReportWriter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of the 40-trial fixture, parsed as a browser would, checked for structure and safety. */
class ReportPageTest {
    @TempDir
    static Path dir;
    static Path file;
    static String html;
    static Document doc;

    @BeforeAll
    static void render() throws Exception {
        Path run = FixtureSweep.write40(dir.resolve("run"));
        file = ReportWriter.write(run, run.resolve("report.html"));
        html = Files.readString(file, StandardCharsets.UTF_8);
        doc = Jsoup.parse(html);
    }

    @Test
    void aWarmUpRenderWritesNothingAndTheReportAfterItIsTheSame() throws Exception {
        Path run = file.getParent();
        ReportWriter.warmUp(run);
        ReportWriter.warmUp(run.resolve("no-such-folder"));   // never throws
        Path again = ReportWriter.write(run, dir.resolve("again.html"));
        assertThat(Files.readString(again, StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8)).isEqualTo(html);
    }

    @Test
    void everySectionIsThereInReadingOrder() {
        assertThat(doc.select("main > section").eachAttr("id")).containsExactly("summary", "recommended", "maps",
                "effects", "search", "curves", "gradients", "trials", "details");
        assertThat(doc.select("nav.toc a").eachAttr("href")).allMatch(h -> doc.getElementById(h.substring(1)) != null);
        assertThat(doc.title()).isEqualTo(FixtureSweep.SPACE_NAME + " · keel stability report");
    }

    @Test
    void theTableHasOneRowPerTrialAndEveryRowLinksToThatTrialsSection() {
        Elements rows = doc.select("#trial-table > tbody > tr");
        assertThat(rows).hasSize(40);
        for (Element row : rows) {
            Element link = row.selectFirst("td:first-child a[href]");
            assertThat(link).isNotNull();
            String href = link.attr("href");
            assertThat(href).startsWith("#");
            Element target = doc.getElementById(href.substring(1));
            assertThat(target).as(href).isNotNull();
            assertThat(target.tagName()).isEqualTo("article");
            assertThat(target.selectFirst("h3").ownText()).startsWith(link.text());
        }
        assertThat(doc.select("article.trial")).hasSize(40);
        int columns = doc.select("#trial-table thead th").size();
        assertThat(rows).allMatch(r -> r.select("td").size() == columns);
    }

    @Test
    void everyInternalLinkPointsAtAnElementOfThePage() {
        for (Element a : doc.select("a[href^=#]")) {
            assertThat(doc.getElementById(a.attr("href").substring(1))).as(a.outerHtml()).isNotNull();
        }
    }

    @Test
    void nothingIsLoadedFromAnywhere() {
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String k = a.getKey().toLowerCase();
                String v = a.getValue().trim().toLowerCase();
                if (k.equals("src") || k.equals("srcset") || k.equals("poster") || k.equals("data") || k.equals("action")) {
                    assertThat(v).as(e.tagName() + " " + k).startsWith("data:");
                }
                if (k.equals("href")) {
                    assertThat(v.startsWith("#") || v.startsWith("data:")).as(e.outerHtml()).isTrue();
                }
            }
        }
        assertThat(doc.select("link[rel=stylesheet], iframe, object, embed, base")).isEmpty();
        String css = String.join("\n", doc.select("style").eachText()) + String.join("\n", doc.select("[style]").eachAttr("style"));
        assertThat(css).doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .startsWith("default-src 'none'; img-src data:;").contains(TableScript.cspHash());
    }

    @Test
    void theOnlyScriptIsTheTableScriptAndNoElementCarriesAnEventHandler() {
        Elements scripts = doc.select("script");
        assertThat(scripts).hasSize(1);
        assertThat(scripts.first().hasAttr("src")).isFalse();
        assertThat(scripts.first().data()).isEqualTo(TableScript.SOURCE);
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey().toLowerCase()).as(e.outerHtml()).doesNotStartWith("on");
            }
            assertThat(e.attributes().asList()).noneMatch(a -> a.getValue().toLowerCase().startsWith("javascript:"));
        }
    }

    @Test
    void userTextIsShownAsTextNeverAsMarkup() {
        Element hostile = doc.getElementById("trial-t0002");
        assertThat(hostile.selectFirst("pre.error").text()).isEqualTo(FixtureSweep.HOSTILE_ERROR);
        assertThat(doc.selectFirst("h1").text()).isEqualTo(FixtureSweep.SPACE_NAME);
        assertThat(doc.selectFirst("header p.lead").text()).isEqualTo("<b>where</b> each optimiser stops being stable");
        assertThat(doc.select("header b")).isEmpty();
        assertThat(doc.select("#gradients .legend li").eachText()).contains(FixtureSweep.HOSTILE_LAYER);
        assertThat(doc.select("figure img")).allMatch(i -> i.attr("src").startsWith("data:image/png;base64,"));
        // A trial's own chart is SVG text made from numbers alone: no user text, no script, no link.
        Elements thumbnails = doc.select("article.trial img");
        assertThat(thumbnails).isNotEmpty().allMatch(i -> i.attr("src").startsWith("data:image/svg+xml;base64,"));
        for (Element img : thumbnails) {
            String svg = new String(java.util.Base64.getDecoder().decode(img.attr("src").substring(
                    "data:image/svg+xml;base64,".length())), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                    .doesNotContainIgnoringCase("script").doesNotContain("href").doesNotContain("<img");
            assertThat(org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser()).select("svg")).hasSize(1);
        }
        assertThat(html).doesNotContain(FixtureSweep.HOSTILE_ERROR).doesNotContain(FixtureSweep.HOSTILE_LAYER);
    }

    @Test
    void chartsAreStaticImagesWithSizesSoTheyShowWithScriptsOff() {
        Elements charts = doc.select("figure img");
        // maps, the best stable runs, three failures, two gradient panels (one sweep's report has no bar chart)
        assertThat(charts.size()).isGreaterThanOrEqualTo(1 + 1 + 3 + 2);
        for (Element img : charts) {
            assertThat(Integer.parseInt(img.attr("width"))).isPositive();
            assertThat(Integer.parseInt(img.attr("height"))).isPositive();
            assertThat(img.attr("alt")).isNotBlank();
        }
        assertThat(doc.select("#trial-filter").attr("hidden")).isNotNull();
        assertThat(doc.select("#trial-filter[hidden]")).hasSize(1);
    }

    @Test
    void failedAndStableTrialsReadInPlainWords() {
        Element failed = doc.getElementById("trial-t0002");
        assertThat(failed.text()).contains("stopped with an error before it could be diagnosed");
        Element oom = doc.getElementById("trial-t0005");
        assertThat(oom.text()).contains("No trace was recorded").contains("OutOfMemoryError");
        Element diverging = doc.select("article.trial").stream()
                .filter(a -> a.selectFirst(".badge.o-diverging") != null).findFirst().orElseThrow();
        assertThat(diverging.text()).containsPattern("Diagnosed diverging with confidence \\d+%, evident from step \\d+")
                .contains("Non finite loss: The loss became NaN.");
    }

    @Test
    void theRecommendationAndTheLimitsAreStated() {
        assertThat(doc.select("#recommended .callout p").first().text()).startsWith("Stable, with the best val_accuracy");
        assertThat(doc.select("#recommended pre").text()).startsWith("parameters:").contains("optimizer: {value:");
        assertThat(doc.select("#maps table tbody tr")).isNotEmpty();
        assertThat(doc.select("#maps table tbody tr td:last-child").eachText())
                .allMatch(s -> s.contains("stable up to learning rate") || s.contains("no stable run"));
    }
}
