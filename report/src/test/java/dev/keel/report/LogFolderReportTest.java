package dev.keel.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keel report FOLDER} on other tools' logs draws the page a sweep gets, and compares two such folders. */
class LogFolderReportTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfLogsGetsEverySectionOfASweepsReport() throws Exception {
        Path logs = ForeignLogs.write(dir.resolve("runs"));
        Path file = ReportWriter.write(List.of(logs), null);
        assertThat(file).isEqualTo(logs.resolve("report.html"));
        Document doc = Jsoup.parse(Files.readString(file));

        assertThat(doc.select("main > section").eachAttr("id")).containsExactly("summary", "recommended", "maps",
                "effects", "search", "curves", "gradients", "trials", "details");
        assertThat(doc.select("#trial-table > tbody > tr")).hasSize(5);
        assertThat(doc.select("article.trial")).hasSize(5);
        assertThat(doc.select("header dt").eachText()).contains("Logs").doesNotContain("Sweep", "Data");
        assertThat(doc.select("#notes li").eachText()).anyMatch(n -> n.startsWith("These are 5 training logs"))
                .anyMatch(n -> n.startsWith("notes.txt could not be read"));
        assertThat(doc.select("#curves img")).isNotEmpty();
        assertThat(doc.select("#gradients img")).as("the listener's trace has per-layer gradients").isNotEmpty();
        assertThat(doc.select("#maps img")).as("optimiser x learning rate").isNotEmpty();
        assertThat(doc.getElementById("details").text()).contains("Diagnosed diverging");
        // The folder is only read: the report is the one file added.
        assertThat(Files.list(logs).filter(p -> p.getFileName().toString().endsWith(".html")).toList()).hasSize(1);
        assertThat(dev.keel.report.model.LogFolder.holdsLogs(logs)).as("the report is not a log").isTrue();
    }

    @Test
    void twoFoldersOfLogsAreCompared() throws Exception {
        Path a = ForeignLogs.write(dir.resolve("before"));
        Path b = Files.createDirectories(dir.resolve("after"));
        Files.writeString(b.resolve("adam-lr0.001-bs32.csv"), ForeignLogs.falling(300, 7, false));
        Files.writeString(b.resolve("adam-lr0.3-bs32.csv"), ForeignLogs.falling(300, 8, false));
        Path file = ReportWriter.write(List.of(a, b), null);
        assertThat(file).isEqualTo(a.resolve("compare-after.html"));
        assertThat(Files.readString(file)).contains("before").contains("after").contains("learning_rate");
    }
}
