package dev.keel.report;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sweeps that are empty, odd or damaged still give a report that says what is missing. */
class EdgeCasesTest {
    @TempDir
    Path dir;

    private ResultStore store(String name, int planned) throws Exception {
        return ResultStore.create(dir.resolve(name), new SweepManifest(name, null, Map.of(), 0, planned, "test", "test",
                "2025-01-01T00:00:00Z", null));
    }

    private static TrialRecord trial(String id, Map<String, Object> params, Verdict v) {
        return new TrialRecord(id, params, 1, TrialStatus.COMPLETED, v, 0.5, null, List.of(), Map.of(), 1, 3, 0.1, null);
    }

    private Document render(ResultStore s) throws Exception {
        Path file = ReportWriter.write(s.dir(), s.reportPath());
        return Jsoup.parse(file.toFile());
    }

    @Test
    void aSweepWithNoFinishedTrialSaysSo() throws Exception {
        Document doc = render(store("empty", 10));
        assertThat(doc.select("#summary p.intro").text()).isEqualTo("No trial has finished yet.");
        assertThat(doc.select("#notes").text()).contains("incomplete: 0 of 10");
        assertThat(doc.select("#trial-table tbody tr")).isEmpty();
    }

    @Test
    void aLossThatIsNeverFiniteAndATraceWithoutLayersStillRender() throws Exception {
        ResultStore s = store("odd", 2);
        Trace.Builder nan = Trace.builder(List.of("loss"));
        for (int i = 0; i < 3; i++) {
            nan.addRow(i).set("loss", Double.NaN);
        }
        s.append(trial("nan", Map.of("learning_rate", 5.0), Verdict.DIVERGING), nan.build());
        Trace.Builder plain = Trace.builder(List.of("loss"));
        for (int i = 0; i < 3; i++) {
            plain.addRow(i).set("loss", 1.0 / (i + 1));
        }
        s.append(trial("plain", Map.of("learning_rate", 0.01), Verdict.STABLE), plain.build());
        Document doc = render(s);
        assertThat(doc.getElementById("trial-nan").text()).contains("Nothing to draw").contains("not finite from step 0");
        assertThat(doc.getElementById("trial-plain").select("img")).hasSize(1);
        assertThat(doc.select("#gradients").text()).contains("No trace recorded per-layer gradient norms");
        assertThat(doc.select("#maps").text()).contains("A map needs two knobs that varied");
    }

    @Test
    void damagedTracesAndLinesAreNamedAndTheStoreIsLeftAsItWas() throws Exception {
        ResultStore s = store("damaged", 3);
        Trace.Builder b = Trace.builder(List.of("loss"));
        b.addRow(0).set("loss", 1.0);
        s.append(trial("ok", Map.of("learning_rate", 0.01), Verdict.STABLE), b.build());
        s.append(trial("bad", Map.of("learning_rate", 0.1), Verdict.STABLE), b.build());
        Files.writeString(s.tracePath("bad"), "step,loss\n0,1\n0,2\n");
        Path trials = s.dir().resolve(ResultStore.TRIALS);
        Files.writeString(trials, "{\"id\":\"half", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(trials);

        Document doc = render(s);

        assertThat(Files.readAllBytes(trials)).isEqualTo(before);
        assertThat(doc.select("#notes li").eachText())
                .anyMatch(n -> n.startsWith("The trace of trial bad could not be read"))
                .anyMatch(n -> n.startsWith("trials.jsonl line 3 could not be read"));
        assertThat(doc.select("#trial-table tbody tr")).hasSize(2);
    }

    @Test
    void aFolderWithoutSweepJsonIsBadInputNamingTheFolder() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> ReportWriter.write(plain, plain.resolve("r.html")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(plain + ": not a keel result folder (no sweep.json) nor a folder of training logs ("
                        + LogFolders.patterns() + ")");
        Files.writeString(plain.resolve("sweep.json"), "{not json");
        assertThatThrownBy(() -> ReportWriter.write(plain, plain.resolve("r.html")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(plain.resolve("sweep.json") + ": unreadable sweep manifest");
    }
}
