package dev.keel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary of a bayes sweep says what mattered, how many trials the model chose and its stable region. */
class SweepBayesSummaryTest {
    private static final String SPACE = """
            name: twelve
            method: bayes
            trials: 12
            seed: 2
            data: {source: builtin:iris}
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {distribution: log_uniform_values, min: 0.001, max: 30}
              width: {value: 8}
              epochs: {value: 3}
            """;

    @TempDir
    Path tmp;

    @Test
    void theSummarySaysWhatMatteredAndWhatTheModelChose() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path space = Files.writeString(tmp.resolve("twelve.yaml"), SPACE);

        int exit = cl.execute("sweep", space.toString(), "--out", tmp.resolve("run").toString(), "--workers", "1",
                "--quiet");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        // One worker: trial k is asked for once k trials are stored; a 12-trial budget starts with 5 random draws
        // (a tenth of the budget, at least 5), so the model chooses from the sixth on.
        assertThat(out.toString())
                .containsPattern("\n  val_accuracy counts \\d+ validation rows \\([0-9.]+ a row\\): these \\d are "
                        + "(tied|within \\d+ rows? of each other)")
                .containsPattern("what mattered \\(PED-ANOVA over 12 trials, \\d+ stable\\):")
                .containsPattern("\n  stability: (learning_rate|optimizer) \\d+%, (learning_rate|optimizer) \\d+%\n")
                .containsPattern("bayes: 5 startup trials \\(\\d+ not stable\\), 7 chosen by the model \\(\\d not stable\\)")
                .containsPattern("model's stable region by learning_rate: adam stable [^,]+, sgd stable ");
        assertThat(tmp.resolve("run").resolve("trials.jsonl")).content().contains("\"chosen_by\":\"model\"");
    }
}
