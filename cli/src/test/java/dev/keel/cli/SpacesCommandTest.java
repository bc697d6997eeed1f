package dev.keel.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SpacesCommandTest {
    /** Surefire runs in cli/; keel's folder is its parent. */
    private static final Path KEEL_HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String savedHome;

    @BeforeEach
    void saveHome() {
        savedHome = System.getProperty(SpacesCommand.HOME_PROPERTY);
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) {
            System.clearProperty(SpacesCommand.HOME_PROPERTY);
        } else {
            System.setProperty(SpacesCommand.HOME_PROPERTY, savedHome);
        }
    }

    private int keel(String... args) {
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void listShowsEveryShippedSpaceWithItsMethodSizeAndDescription() {
        System.setProperty(SpacesCommand.HOME_PROPERTY, KEEL_HOME.toString());

        assertThat(keel("spaces", "list")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString())
                .contains("quickstart.yaml", "random", "30 trials",
                        "a first random sweep on handwritten digits, where activation and learning rate decide stable,")
                .contains("activations.yaml", "grid", "40 trials")
                .contains("learning-rates.yaml", "regularization.yaml", "full.yaml", "defaults-search.yaml")
                .contains("keel sweep ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void listFlagsASpaceThatIsNotValidAndExitsWith2() throws IOException {
        Path spaces = Files.createDirectories(tmp.resolve("spaces"));
        Files.writeString(spaces.resolve("good.yaml"), "description: fine\ndata: {source: builtin:iris}\n");
        Files.writeString(spaces.resolve("bad.yaml"), "data: {source: builtin:iris}\nmethod: hyperopt\n");
        Files.writeString(spaces.resolve("notes.txt"), "not a space");
        System.setProperty(SpacesCommand.HOME_PROPERTY, tmp.toString());

        assertThat(keel("spaces", "list")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(out.toString()).contains("good.yaml", "fine", "bad.yaml", "invalid").doesNotContain("notes.txt");
        assertThat(err.toString().strip())
                .isEqualTo("keel: " + spaces.resolve("bad.yaml") + ":2: key 'method': 'hyperopt' is not one of grid, random, sobol, bayes");
    }

    @Test
    void listWithoutASpacesFolderSaysWhereItLooked() {
        System.setProperty(SpacesCommand.HOME_PROPERTY, tmp.toString());

        assertThat(keel("spaces", "list")).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(err.toString()).startsWith("keel: no spaces folder at " + tmp.resolve("spaces"));
    }

    @Test
    void validateShowsThePlanSizeMethodAndWhatIsVaried() {
        Path file = KEEL_HOME.resolve("spaces/learning-rates.yaml");

        assertThat(keel("spaces", "validate", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(out.toString())
                .startsWith(file + ": valid")
                .contains("sobol, 64 configurations x 1 repeat = 64 trials, seed 42")
                .contains("builtin:digits")
                .contains("val_accuracy (maximize)")
                .containsPattern("varied +optimizer +values \\[sgd, momentum, adam, rmsprop, adagrad\\]")
                .containsPattern("learning_rate +log_uniform_values \\[0.0001, 10\\]")
                .contains("fixed     epochs 10; every other knob at its default");
    }

    @Test
    void validateTakesTheSweepsTrialsAndSeedOverrides() {
        Path file = KEEL_HOME.resolve("spaces/quickstart.yaml");

        assertThat(keel("spaces", "validate", file.toString(), "--trials", "4", "--seed", "9")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).contains("random, 4 configurations x 1 repeat = 4 trials, seed 9");
        assertThat(keel("spaces", "validate", file.toString(), "--trials", "0")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aBadSpaceFileExitsWith2AndOneLineNamingFileLineAndKey() throws IOException {
        Path file = tmp.resolve("space.yaml");
        Files.writeString(file, """
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [sgd, adam, adamx]}
                """);

        assertThat(keel("spaces", "validate", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("keel: " + file + ":3: key 'parameters.optimizer.values[2]': "
                + "'adamx' is not one of sgd, momentum, adam, adamw, rmsprop, adagrad" + System.lineSeparator());
    }

    @Test
    void spacesWithoutASubcommandIsAUsageError() {
        assertThat(keel("spaces")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("list", "validate");
    }
}
