package dev.keel.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column of ±1e308 makes every trial's loss NaN at its first step whatever its settings (issue 17, item 8): keel
 * says the data is the likely cause, in the sweep's summary and in keel recommend, instead of advising a lower
 * learning rate.
 */
class OverflowingDataTest {
    @TempDir
    Path tmp;

    private Terminal terminal;

    @BeforeEach
    void openTerminal() {
        terminal = new Terminal(tmp.resolve("keel.log"));
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    private Path csv() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,huge,label\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 200; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(i % 2 == 0 ? "1e308" : "-1e308").append(',')
                    .append(a + b > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(tmp.resolve("huge.csv"), csv.toString());
    }

    @Test
    void theSweepSummarySaysTheDataNotTheLearningRate() throws IOException {
        Path space = Files.writeString(tmp.resolve("huge.yaml"), """
                name: huge
                trials: 4
                data: {source: huge.csv, target: label}
                parameters:
                  learning_rate: {distribution: log_uniform_values, min: 0.00001, max: 0.01}
                  optimizer: {values: [adam, sgd]}
                  width: {value: 8}
                  epochs: {value: 1}
                """);
        csv();

        int exit = terminal.run("sweep", space.toString(), "--out", tmp.resolve("run").toString());

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.err()).contains("data: column 'huge' holds values as large as 1.00e+308");
        assertThat(terminal.out()).contains("diverging 4").contains("why every trial failed: the data, most likely:");
    }

    @Test
    void recommendSaysTheDataAndAdvisesNoLearningRate() throws IOException {
        Path data = csv();

        int exit = terminal.run("recommend", "--data", data.toString(), "--target", "label", "--trials", "12",
                "--out", tmp.resolve("rec").toString(), "--quiet");

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.out()).startsWith("no recommendation: the data, most likely: every trial's loss was NaN")
                .doesNotContain("lower its learning rate", "above learning_rate");
    }
}
