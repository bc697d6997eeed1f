package dev.keel.sweep.space;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The spaces keel ships in spaces/: each must parse, plan, and say what it is for. */
class ShippedSpacesTest {
    /** Surefire runs in the module folder; spaces/ sits beside it. */
    private static final Path SPACES = Path.of("..", "spaces");

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(SPACES)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedSpaceParsesPlansAndDescribesItselfInOneLine() throws IOException {
        List<Path> files = files();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("quickstart.yaml", "activations.yaml",
                "learning-rates.yaml", "regularization.yaml", "full.yaml", "defaults-search.yaml");
        for (Path file : files) {
            SweepSpace space = SpaceParser.parse(file);
            String fileName = file.getFileName().toString();
            assertThat(space.name() + ".yaml").as("name matches the file").isEqualTo(fileName);
            assertThat(space.description()).as(fileName).isNotBlank().doesNotContain("\n");
            assertThat(space.data().source()).as(fileName).startsWith("builtin:");
            assertThat(space.varied()).as(fileName).isNotEmpty();
            assertThat(TrialPlan.of(space).size()).as(fileName).isEqualTo(space.plannedTrials()).isPositive();
        }
    }

    @Test
    void fullVariesEveryKnobButTheEpochBudget() {
        SweepSpace full = SpaceParser.parse(SPACES.resolve("full.yaml"));
        assertThat(full.varied()).extracting(Parameter::knob)
                .containsExactlyInAnyOrderElementsOf(TrialConfig.KNOBS.stream().filter(k -> !k.equals("epochs")).toList());
    }

    @Test
    void quickstartIsSmallAndReachesFromStallingThroughTrainingToBlownUp() {
        SweepSpace quickstart = SpaceParser.parse(SPACES.resolve("quickstart.yaml"));
        List<PlannedTrial> trials = TrialPlan.of(quickstart).trials();
        assertThat(quickstart.data().source()).isEqualTo("builtin:digits");
        assertThat(trials).hasSizeBetween(24, 30);
        List<Double> rates = trials.stream().map(t -> t.config().learningRate()).toList();
        assertThat(rates).as("a rate that blows up").anyMatch(lr -> lr > 1);
        assertThat(rates).as("rates that train").filteredOn(lr -> lr > 1e-3 && lr < 0.1).hasSizeGreaterThanOrEqualTo(4);
        assertThat(trials).extracting(t -> t.config().optimizer().token()).contains("sgd", "adam");
        assertThat(trials).as("deep sigmoid networks, which vanish")
                .anyMatch(t -> t.config().activation().token().equals("sigmoid") && t.config().depth() >= 6);
    }
}
