package dev.keel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.keel.diagnose.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class DiagnoseCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A falling loss with log-normal minibatch noise: stable. */
    private static String stableCsv() {
        java.util.Random rnd = new java.util.Random(42);
        StringBuilder sb = new StringBuilder("step,loss\n");
        for (int t = 0; t < 200; t++) {
            sb.append(t).append(',').append(String.format(Locale.ROOT, "%.5f",
                    (2.3 * Math.exp(-t / 40.0) + 0.1) * Math.exp(0.2 * rnd.nextGaussian()))).append('\n');
        }
        return sb.toString();
    }

    private static String nanCsv() {
        StringBuilder sb = new StringBuilder("iteration,train_loss\n");
        for (int t = 0; t < 20; t++) {
            sb.append(t).append(",nan\n");
        }
        return sb.toString();
    }

    /**
     * A loss that falls from a saturated start to 0.66 and stays: with no chance level it looks learnt (it fell 5x);
     * told that a binary classifier's priors give 0.66 it learnt nothing.
     */
    @Test
    void aChanceLevelTheUserGivesDecidesWhetherAFlatEndLearntAnything() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        StringBuilder sb = new StringBuilder("step,loss\n");
        for (int t = 0; t < 300; t++) {
            double level = t < 20 ? 3.3 - 0.13 * t : 0.66;
            sb.append(t).append(',').append(String.format(Locale.ROOT, "%.5f",
                    level * Math.exp(0.05 * rnd.nextGaussian()))).append('\n');
        }
        Path log = write("stuck.csv", sb.toString());
        assertThat(run("diagnose", log.toString())).isZero();
        assertThat(out.toString()).contains(log + ": stable");
        out.getBuffer().setLength(0);
        assertThat(run("diagnose", "--chance-loss", "0.66", log.toString())).isZero();
        assertThat(out.toString()).contains(log + ": vanishing").contains("chance level 0.66");
        assertThat(run("diagnose", "--classes", "1", log.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("keel: --classes a classifier has at least 2 classes, was 1");
    }

    @Test
    void printsVerdictConfidenceFirstStepAndFindingsInPlainWords() throws IOException {
        Path stable = write("stable.csv", stableCsv());
        Path nan = write("nan.csv", nanCsv());
        assertThat(run("diagnose", stable.toString(), nan.toString())).isZero();
        String text = out.toString();
        assertThat(text).contains(stable + ": stable (confidence ");
        assertThat(text).contains(nan + ": diverging (confidence 1.00), from step 0");
        assertThat(text).contains("  - the loss became non-finite (NaN or infinite) at step 0 and stayed so");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonPrintsExactlyOneCompactObjectPerFileAndNothingElse() throws IOException {
        Path stable = write("a.csv", stableCsv());
        Path nan = write("b.csv", nanCsv());
        assertThat(run("diagnose", "--json", stable.toString(), nan.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = Json.mapper().readTree(lines.get(0));
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("file", "verdict", "confidence", "first_detected_step", "findings", "notes");
        assertThat(first.get("notes").isArray()).isTrue();
        assertThat(first.get("notes")).isEmpty();
        assertThat(first.get("file").asText()).isEqualTo(stable.toString());
        assertThat(first.get("verdict").asText()).isEqualTo("stable");
        assertThat(first.get("first_detected_step").isNull()).isTrue();
        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.get("verdict").asText()).isEqualTo("diverging");
        assertThat(second.get("first_detected_step").asLong()).isZero();
        JsonNode finding = second.get("findings").get(0);
        List<String> findingKeys = new ArrayList<>();
        for (Iterator<String> it = finding.fieldNames(); it.hasNext(); ) {
            findingKeys.add(it.next());
        }
        assertThat(findingKeys).containsExactly("rule", "layer", "step", "value", "threshold", "message");
        assertThat(finding.get("rule").asText()).isEqualTo("non_finite_loss");
        assertThat(finding.get("value").isNull()).as("NaN is written as null, keeping the line valid JSON").isTrue();
        assertThat(lines.get(0)).doesNotContain("\n").doesNotContain(": ");
    }

    @Test
    void badFilesGetOneLineOnStderrTheOthersAreStillDiagnosedAndTheExitCodeIsTwo() throws IOException {
        Path noLoss = write("noloss.csv", "step,accuracy\n1,0.5\n");
        Path good = write("good.csv", stableCsv());
        Path garbage = write("garbage.csv", "step,loss\n1,0.5\n2,oops\n");
        Path missing = dir.resolve("missing.csv");
        int code = run("diagnose", "--json", noLoss.toString(), good.toString(), garbage.toString(), missing.toString());
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString().lines()).hasSize(1).allMatch(l -> l.contains("\"verdict\":\"stable\""));
        assertThat(err.toString().lines()).containsExactly(
                "keel: " + noLoss + ":1: no loss column, expected 'loss' (or 'train_loss'); found step,accuracy",
                "keel: " + garbage + ":3: column 'loss' holds 'oops', expected a number (NaN, inf and empty cells are allowed)",
                "keel: " + missing + ": no such file");
    }

    @Test
    void aResultFolderDiagnosesEveryTraceInItsTracesFolder() throws IOException {
        Path run = dir.resolve("results/run1");
        write("results/run1/sweep.json", "{}");
        write("results/run1/traces/t002.csv", nanCsv());
        write("results/run1/traces/t001.csv", stableCsv());
        write("results/run1/traces/notes.txt", "ignored");
        assertThat(run("diagnose", "--json", run.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("t001.csv").contains("\"stable\"");
        assertThat(lines.get(1)).contains("t002.csv").contains("\"diverging\"");
    }

    @Test
    void aResultFolderShowsTheVerdictTrialsJsonlHoldsAndSaysWhenTheTraceAloneReadsOtherwise() throws IOException {
        Path run = dir.resolve("results/run2");
        write("results/run2/sweep.json", "{}");
        // A trial the sweep stopped as diverging; its trace, cut where it was stopped, reads as stable alone.
        write("results/run2/traces/t0000-r0.csv", stableCsv());
        write("results/run2/traces/t0001-r0.csv", stableCsv());
        write("results/run2/trials.jsonl", """
                {"id":"t0000-r0","params":{},"seed":1,"status":"pruned","verdict":"diverging","confidence":0.9,\
                "first_detected_step":120,"findings":[{"rule":"pruned_diverging","layer":null,"step":120,"value":null,\
                "threshold":null,"message":"stopped early: the loss stayed at 4x its start for 70 steps"}],\
                "metrics":{},"epochs":1,"steps":120,"seconds":1.0,"error":null}
                """);

        assertThat(run("diagnose", run.toString())).isZero();

        String text = out.toString();
        assertThat(text).contains("t0000-r0.csv: diverging (confidence 0.90), from step 120")
                .contains("  - stopped early: the loss stayed at 4x its start for 70 steps")
                .contains("  note: the trace alone reads as stable (confidence")
                .contains("the verdict above is the one trials.jsonl and the report hold, reached when the sweep"
                        + " stopped the trial at step 120");
        assertThat(text).contains("t0001-r0.csv: stable").contains("  note: not in trials.jsonl (a trial still"
                + " running, or its line cut off by a kill): diagnosed from its trace");

        out.getBuffer().setLength(0);
        assertThat(run("diagnose", "--json", run.toString())).isZero();
        JsonNode first = Json.mapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(first.get("verdict").asText()).isEqualTo("diverging");
        assertThat(first.get("findings").get(0).get("rule").asText()).isEqualTo("pruned_diverging");
        assertThat(first.get("notes").get(0).asText()).startsWith("the trace alone reads as stable");
    }

    @Test
    void aFolderWithoutLogsIsBadInput() throws IOException {
        write("plain/notes.md", "not a log");
        assertThat(run("diagnose", dir.resolve("plain").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("a folder with no training logs");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFolderOfLogsFromOtherToolsIsDiagnosedFileByFileAndABadOneDoesNotStopTheOthers() throws IOException {
        write("logs/b_nan.csv", nanCsv());
        write("logs/a_stable.csv", stableCsv());
        write("logs/c_config.json", "{\"hidden_size\": 768}");
        write("logs/readme.md", "ignored");
        assertThat(run("diagnose", "--json", dir.resolve("logs").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("a_stable.csv").contains("\"stable\"");
        assertThat(lines.get(1)).contains("b_nan.csv").contains("\"diverging\"");
        assertThat(err.toString()).contains("c_config.json").contains("no loss column").doesNotContain("readme");
    }

    @Test
    void aFolderOfPrintedLogsAndNotebooksIsDiagnosedWithNotesOnHowEachWasRead() throws IOException {
        StringBuilder printed = new StringBuilder();
        stableCsv().lines().skip(1).forEach(l -> printed.append("Loss: ").append(l.substring(l.indexOf(',') + 1))
                .append('\n'));
        write("runs/a_train.log", printed.toString());
        write("runs/b_notebook.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 3, \"outputs\": ["
                + "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"" + printed.toString().replace("\n", "\\n")
                + "\"}]}], \"nbformat\": 4}");
        write("runs/c_notes.txt", "try a smaller learning rate next time\n");
        assertThat(run("diagnose", dir.resolve("runs").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).contains("a_train.log: stable").contains("b_notebook.ipynb: stable")
                .contains("  note: no step or epoch in the log: loss lines read in order, one step each")
                .contains("  note: read the output of notebook cell 1 (In [3])");
        assertThat(err.toString().lines()).containsExactly("keel: " + dir.resolve("runs/c_notes.txt")
                + ": no training loss found, expected a printed training log with 'loss' values (like 'loss: 0.31' or"
                + " 'Epoch 3 ... loss=0.31')");
    }

    @Test
    void saysHowALogWithoutStepsWasReadUnderItsVerdictAndInTheJson() throws IOException {
        Path log = write("history.csv", "loss,val_loss\n" + stableCsv().lines().skip(1)
                .map(l -> l.substring(l.indexOf(',') + 1) + ",").reduce("", (a, b) -> a + b + "\n"));
        assertThat(run("diagnose", log.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith(log + ": stable");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("  note: no step or epoch column: rows read in order, one step each");
        out.getBuffer().setLength(0);
        assertThat(run("diagnose", "--json", log.toString())).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.get("notes").get(0).asText()).isEqualTo("no step or epoch column: rows read in order, one step each");
    }

    @Test
    void aHeaderWithoutRowsIsBadInput() throws IOException {
        Path empty = write("empty.csv", "step,loss\n");
        assertThat(run("diagnose", empty.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(empty + ": no data rows");
    }

    @Test
    void readsJsonLinesKerasAndTensorBoardFiles() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        StringBuilder keras = new StringBuilder("epoch,loss,val_loss\n");
        StringBuilder tb = new StringBuilder("Wall time,Step,Value\n");
        for (int t = 0; t < 60; t++) {
            jsonl.append("{\"step\": ").append(t).append(", \"loss\": ").append(t < 30 ? "1.0" : "NaN").append("}\n");
            keras.append(t).append(',').append(2.0 / (1 + t)).append(',').append(2.2 / (1 + t)).append('\n');
            tb.append(1.7e9 + t).append(',').append(t * 10).append(',').append(Math.log(26) * (1 + 0.01 * Math.sin(t)))
                    .append('\n');
        }
        Path a = write("run.jsonl", jsonl.toString());
        Path b = write("training.log", keras.toString());
        Path c = write("tb.csv", tb.toString());
        assertThat(run("diagnose", a.toString(), b.toString(), c.toString())).isZero();
        assertThat(out.toString()).contains(a + ": diverging").contains(b + ": stable").contains(c + ": vanishing");
    }

    @Test
    void theCommandNeedsNothingThatLoadsNd4j() {
        noClasses().that().haveSimpleName("DiagnoseCommand").or().haveSimpleName("DiagnosisJson")
                .or().haveSimpleName("DiagnosisPlainText")
                .or().haveSimpleName("StoredVerdicts")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..",
                        "dev.keel.sweep.config..", "dev.keel.sweep.data..", "dev.keel.sweep.space..",
                        "dev.keel.sweep.sampler..", "dev.keel.sweep.train..", "dev.keel.sweep.run..",
                        "dev.keel.sweep.recommend..", "dev.keel.report..")
                .check(new ClassFileImporter().importPackages("dev.keel.cli"));
        // The result store's records are all it reads of sweep, and the store never touches DL4J or ND4J.
        noClasses().that().resideInAPackage("dev.keel.sweep.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .check(new ClassFileImporter().importPackages("dev.keel.sweep.store"));
    }
}
