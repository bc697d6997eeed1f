package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code configurations:} runs exactly the listed knob maps, each {@code repeats} times. */
class ListedConfigurationsTest {
    private static final String SPACE = """
            name: confirm
            repeats: 2
            data: {source: builtin:iris}
            parameters:
              epochs: {value: 3}
            configurations:
              - {optimizer: adam, learning_rate: 0.001}
              - {optimizer: sgd, learning_rate: 0.1, activation: tanh}
            """;

    @Test
    void planHoldsEachListedConfigurationOncePerRepeatInOrder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("confirm.yaml"), SPACE);

        TrialPlan plan = TrialPlan.of(SpaceParser.parse(file));

        assertThat(plan.trials()).extracting(PlannedTrial::id)
                .containsExactly("t0000-r0", "t0000-r1", "t0001-r0", "t0001-r1");
        assertThat(plan.trials().get(2).params()).containsEntry("optimizer", "sgd")
                .containsEntry("learning_rate", 0.1).containsEntry("activation", "tanh").containsEntry("epochs", 3);
        assertThat(plan.trials().get(0).params()).containsEntry("activation", "relu");
        assertThat(plan.trials().get(0).seed()).isNotEqualTo(plan.trials().get(1).seed());
    }

    @Test
    void knobsThatDifferAcrossTheListAreReportedAsVaried(@TempDir Path dir) throws IOException {
        SweepSpace space = SpaceParser.parse(Files.writeString(dir.resolve("confirm.yaml"), SPACE));

        assertThat(space.varied()).extracting(Parameter::knob)
                .containsExactlyInAnyOrder("optimizer", "learning_rate", "activation");
    }

    @Test
    void resolvedMapRebuildsTheSamePlan(@TempDir Path dir) throws IOException {
        SweepSpace space = SpaceParser.parse(Files.writeString(dir.resolve("confirm.yaml"), SPACE));

        SweepSpace again = SweepSpace.fromResolvedMap(space.toResolvedMap(), "sweep.json");

        assertThat(TrialPlan.of(again).trials()).isEqualTo(TrialPlan.of(space).trials());
    }

    @Test
    void aListedValueOutsideItsKnobsDomainIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"),
                SPACE.replace("activation: tanh", "activation: tanhh"));

        assertThatThrownBy(() -> SpaceParser.parse(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("bad.yaml:8: key 'configurations[1].activation': 'tanhh' is not one of relu, "
                        + "leakyrelu, elu, selu, swish, gelu, tanh, sigmoid");
    }
}
