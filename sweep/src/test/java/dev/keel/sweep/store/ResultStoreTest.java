package dev.keel.sweep.store;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultStoreTest {
    @TempDir
    Path dir;

    private static SweepManifest manifest() {
        return new SweepManifest("store-test", "", Map.of("seed", 3), 3, 4, "0.1.0", "1.0.0-M2.1",
                "2024-01-01T00:00:00Z", null);
    }

    private static TrialRecord completed(String id, double valLoss) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", valLoss);
        metrics.put("val_accuracy", 0.9);
        return new TrialRecord(id, Map.of("optimizer", "adam", "learning_rate", 0.01), 17, TrialStatus.COMPLETED,
                Verdict.STABLE, 0.8, null, List.of(), metrics, 5, 250, 1.5, null);
    }

    private static TrialRecord diverged(String id) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", Double.NaN);
        return new TrialRecord(id, Map.of("optimizer", "sgd", "learning_rate", 10.0), 5, TrialStatus.PRUNED,
                Verdict.DIVERGING, 0.99, 12L,
                List.of(new Finding(Rule.NON_FINITE_LOSS, null, 12L, Double.POSITIVE_INFINITY, 0, "the loss became Infinity at step 12")),
                metrics, 1, 12, 0.2, null);
    }

    private static Trace trace(double... losses) {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int i = 0; i < losses.length; i++) {
            b.addRow(i + 1L).set(Trace.LOSS, losses[i]);
        }
        return b.build();
    }

    private Path trialsFile() {
        return dir.resolve(ResultStore.TRIALS);
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(trialsFile());
    }

    @Test
    void appendedTrialsReadBackInOrderWithTheirTraces() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        TrialRecord a = completed("t0000-r0", 0.4);
        TrialRecord b = diverged("t0001-r0");
        TrialRecord c = new TrialRecord("t0002-r0", Map.of(), 9, TrialStatus.FAILED, null, null, null, null, null,
                0, 0, 0.01, "out of memory: réseau trop large");
        assertThat(store.append(a, trace(2.3, 1.1, 0.6))).isTrue();
        assertThat(store.append(b, trace(2.3, 40, Double.POSITIVE_INFINITY))).isTrue();
        assertThat(store.append(c, null)).isTrue();

        ResultStore reopened = ResultStore.open(dir);
        assertThat(reopened.manifest()).isEqualTo(manifest());
        assertThat(reopened.trials()).containsExactly(a, b, c);
        assertThat(reopened.trials().get(1).metrics()).containsEntry("val_loss", null);
        assertThat(reopened.trials().get(1).metric("val_loss")).isNaN();
        assertThat(Arrays.stream(TraceReader.read(reopened.tracePath("t0001-r0")).loss().values()).boxed().toList())
                .containsExactly(2.3, 40.0, Double.POSITIVE_INFINITY);
        assertThat(reopened.tracePath("t0002-r0")).doesNotExist();
        assertThat(lines()).hasSize(3).allSatisfy(l -> assertThat(Json.mapper().readTree(l).get("id")).isNotNull());
    }

    @Test
    void openingNeverChangesTheFilesSoAReportCanReadARunningSweep() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        store.append(completed("t0000-r0", 0.4), null);
        String half = Json.mapper().writeValueAsString(completed("t0001-r0", 0.3)).substring(0, 40);
        Files.writeString(trialsFile(), half, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(trialsFile());

        ResultStore reader = ResultStore.open(dir);

        assertThat(reader.trials()).extracting(TrialRecord::id).containsExactly("t0000-r0");
        assertThat(Files.readAllBytes(trialsFile())).isEqualTo(before);
    }

    @Test
    void aLineCutShortByAKillIsIgnoredAndTheResumedSweepWritesEveryTrialOnceOnCleanLines() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        store.append(completed("t0000-r0", 0.4), null);
        store.append(completed("t0001-r0", 0.5), null);
        byte[] third = (Json.mapper().writeValueAsString(diverged("t0002-r0")) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(trialsFile(), Arrays.copyOf(third, third.length / 2), StandardOpenOption.APPEND);

        ResultStore resumed = ResultStore.open(dir);
        assertThat(resumed.has("t0002-r0")).as("the cut trial must run again").isFalse();
        resumed.append(diverged("t0002-r0"), trace(1, 2));
        resumed.append(completed("t0003-r0", 0.2), null);

        assertThat(lines()).hasSize(4).allSatisfy(l -> assertThat(Json.mapper().readTree(l).get("id")).isNotNull());
        assertThat(ResultStore.open(dir).trials()).extracting(TrialRecord::id)
                .containsExactly("t0000-r0", "t0001-r0", "t0002-r0", "t0003-r0");
    }

    @Test
    void aWriteThatStoppedHalfwayDoesNotSpoilTheNextLine() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        store.append(completed("t0000-r0", 0.4), null);
        // What a failed write (disk full) leaves behind while the sweep goes on.
        Files.writeString(trialsFile(), "{\"id\":\"t0001-r0\",\"par", StandardOpenOption.APPEND);
        store.append(completed("t0002-r0", 0.3), null);

        assertThat(ResultStore.open(dir).trials()).extracting(TrialRecord::id).containsExactly("t0000-r0", "t0002-r0");
        assertThat(lines()).hasSize(2);
    }

    @Test
    void aWholeLastLineMissingOnlyItsNewlineIsKept() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        store.append(completed("t0000-r0", 0.4), null);
        store.append(completed("t0001-r0", 0.5), null);
        String text = Files.readString(trialsFile());
        Files.writeString(trialsFile(), text.substring(0, text.length() - 1));

        ResultStore reopened = ResultStore.open(dir);
        assertThat(reopened.trials()).extracting(TrialRecord::id).containsExactly("t0000-r0", "t0001-r0");
        reopened.append(completed("t0002-r0", 0.1), null);

        assertThat(ResultStore.open(dir).trials()).extracting(TrialRecord::id)
                .containsExactly("t0000-r0", "t0001-r0", "t0002-r0");
        assertThat(lines()).hasSize(3);
    }

    @Test
    void aTrialIdIsWrittenOnceAndTheFirstLineWinsInAFileThatHasItTwice() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        assertThat(store.append(completed("t0000-r0", 0.4), null)).isTrue();
        assertThat(store.append(completed("t0000-r0", 9.9), null)).isFalse();
        assertThat(lines()).hasSize(1);

        Files.writeString(trialsFile(), Json.mapper().writeValueAsString(completed("t0000-r0", 7.7)) + "\n",
                StandardOpenOption.APPEND);
        assertThat(ResultStore.open(dir).trials()).singleElement()
                .satisfies(t -> assertThat(t.metric("val_loss")).isEqualTo(0.4));
    }

    @Test
    void anUnreadableLineInTheMiddleIsSkippedAndTheLinesAfterItAreKept() throws IOException {
        ResultStore store = ResultStore.create(dir, manifest());
        store.append(completed("t0000-r0", 0.4), null);
        Files.writeString(trialsFile(), "{\"id\": \"t0001-r0\", \"status\": \"exploded\"}\nnot json at all\n\n",
                StandardOpenOption.APPEND);
        store.append(completed("t0002-r0", 0.3), null);

        assertThat(ResultStore.open(dir).trials()).extracting(TrialRecord::id).containsExactly("t0000-r0", "t0002-r0");
    }

    @Test
    void aFolderIsNeverOverwrittenAndANonStoreFolderIsNamed() throws IOException {
        ResultStore.create(dir, manifest());
        assertThatThrownBy(() -> ResultStore.create(dir, manifest())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("already holds a keel run");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ResultStore.open(empty))
                .isInstanceOf(ResultStore.NoSuchFileException.class)
                .hasMessageContaining(empty.resolve("sweep.json") + ": not a keel result folder");
    }
}
