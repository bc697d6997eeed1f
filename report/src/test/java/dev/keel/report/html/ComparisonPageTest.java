package dev.keel.report.html;

import dev.keel.report.FixtureSweep;
import dev.keel.report.ReportWriter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonPageTest {

    @Test
    void twoSweepsSideBySideInOneSelfContainedPage(@TempDir Path dir) throws Exception {
        Path a = new FixtureSweep(40, 20, 7).write(dir.resolve("before"));
        Path b = new FixtureSweep(30, 20, 8).write(dir.resolve("after"));
        Path file = ReportWriter.write(List.of(a, b), null);
        assertThat(file).isEqualTo(a.resolve("compare-after.html"));

        Document doc = Jsoup.parse(file.toFile());
        assertThat(doc.select("main > section").eachAttr("id")).containsExactly("summary", "settings", "knobs",
                "recommended");
        // Both spaces share a name, so the page tells them apart by folder; the name is escaped text.
        assertThat(doc.selectFirst("h1").text()).isEqualTo("before vs after");
        assertThat(doc.select("#summary tbody").first().select("tr")).hasSize(5);
        assertThat(doc.select("#summary figure img").attr("src")).startsWith("data:image/png;base64,");
        assertThat(doc.select("#recommended .callout")).hasSize(2);
        assertThat(doc.select("script")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute at : e.attributes()) {
                if (at.getKey().equals("src")) {
                    assertThat(at.getValue()).startsWith("data:");
                }
                if (at.getKey().equals("href")) {
                    assertThat(at.getValue()).matches("#.*|data:.*");
                }
                assertThat(at.getKey()).doesNotStartWith("on");
            }
        }
        assertThat(doc.select("header dd").eachText()).contains(a.toString(), b.toString());
    }
}
