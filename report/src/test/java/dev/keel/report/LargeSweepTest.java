package dev.keel.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A 500-trial sweep still gives a report that opens: under 10 MB, every trial in the table and detailed. */
class LargeSweepTest {
    static final long MAX_BYTES = 10_000_000;

    @Test
    void fiveHundredTrialsFitInTenMegabytes(@TempDir Path dir) throws Exception {
        Path run = new FixtureSweep(500, 20, 11).write(dir.resolve("run"));
        Path file = ReportWriter.write(run, run.resolve("report.html"));

        assertThat(Files.size(file)).isLessThan(MAX_BYTES);
        Document doc = Jsoup.parse(file.toFile());
        assertThat(doc.select("#trial-table > tbody > tr")).hasSize(500);
        assertThat(doc.select("article.trial")).hasSize(500);
        assertThat(doc.select("article.trial img")).hasSizeGreaterThan(490);
        assertThat(doc.select("#maps figure img")).hasSizeBetween(1, 8);
    }
}
