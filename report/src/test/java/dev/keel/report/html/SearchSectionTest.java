package dev.keel.report.html;

import dev.keel.report.FixtureSweep;
import dev.keel.report.ReportWriter;
import dev.keel.report.model.SearchView;
import dev.keel.report.model.StabilityReport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's "What mattered" section, on the fixture whose ground truth is known (FixtureSweep). */
class SearchSectionTest {
    @TempDir
    Path dir;

    @Test
    void whatMatteredPutsTheKnobsThatDecideStabilityFirst() throws Exception {
        Path run = new FixtureSweep(60, 6, 3).write(dir.resolve("run"));
        SearchView view = StabilityReport.read(run).search();

        assertThat(view.learnt()).isFalse();
        assertThat(view.regions()).isEmpty();
        // Stability follows optimiser × learning rate, and sigmoid vanishes at rates below 0.01 (most of the range);
        // clipping and batch size decide nothing.
        List<String> order = view.mattered().knobs().stream().map(k -> k.name()).toList();
        assertThat(order.get(0)).isEqualTo("learning_rate");
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("activation", "optimizer");
        assertThat(order.subList(3, 5)).containsExactlyInAnyOrder("batch_size", "gradient_clipping");

        Document doc = Jsoup.parse(Files.readString(ReportWriter.write(run, run.resolve("report.html")),
                StandardCharsets.UTF_8));
        Element section = doc.getElementById("search");
        assertThat(section.select("tbody tr")).hasSize(5);
        assertThat(section.text()).doesNotContain("How the model searched");
        assertThat(doc.select("#trial-table .tag")).extracting(Element::text).doesNotContain("model", "startup");
    }

    @Test
    void aBayesSweepMarksWhichTrialsTheModelChoseAndShowsWhereItThinksTheStableRegionEnds() throws Exception {
        Path run = new FixtureSweep(60, 6, 3, true).write(dir.resolve("run"));
        SearchView view = StabilityReport.read(run).search();

        assertThat(view.startup().trials()).isEqualTo(FixtureSweep.STARTUP);
        assertThat(view.model().trials()).isEqualTo(50);
        assertThat(view.regions()).isNotEmpty();
        assertThat(view.regions().get(0).knob()).isEqualTo("learning_rate");
        assertThat(view.regions().get(0).byKnob()).isEqualTo("optimizer");

        Document doc = Jsoup.parse(Files.readString(ReportWriter.write(run, run.resolve("report.html")),
                StandardCharsets.UTF_8));
        assertThat(doc.select("#trial-table td:first-child .tag")).extracting(Element::text)
                .containsOnly("startup", "model").hasSize(60);
        Element section = doc.getElementById("search");
        assertThat(section.text()).contains("How the model searched", "Where the model thinks the stable region ends");
        Element figure = section.selectFirst("figure");
        assertThat(figure.selectFirst("img").attr("src")).startsWith("data:image/png;base64,");
        // Each optimiser's region ends near its true limit (FixtureSweep.LIMITS: sgd 0.3, momentum 0.05, adam 0.01,
        // rmsprop 0.003), within the coarseness of 60 trials.
        String caption = figure.selectFirst("figcaption").text();
        assertThat(caption).contains("adam: stable", "sgd: stable", "momentum: stable", "rmsprop: stable");
    }
}
