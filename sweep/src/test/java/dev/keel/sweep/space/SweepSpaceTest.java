package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.DataSpec;
import dev.keel.sweep.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spaces built in code (as keel recommend builds its stages) follow the same rules as YAML files. */
class SweepSpaceTest {
    private static SweepSpace inCode(SearchMethod method, List<Parameter> parameters) {
        return new SweepSpace("stage-1", null, method, 8, 2, 5, DataSpec.of("builtin:iris", null),
                Metric.named("val_accuracy"), EarlyTermination.DIVERGENCE, parameters, ModelType.MLP,
                TrialConfig.DEFAULT_TRACE_EVERY, TrialConfig.NO_TIME_LIMIT, List.of());
    }

    @Test
    void aSpaceBuiltInCodeEqualsTheSameSpaceReadFromYaml(@TempDir Path dir) throws IOException {
        SweepSpace built = inCode(SearchMethod.SOBOL, List.of(
                Parameter.values("optimizer", List.of("sgd", "adam")),
                Parameter.distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 1)));
        Path file = Files.writeString(dir.resolve("stage-1.yaml"), """
                method: sobol
                trials: 8
                repeats: 2
                seed: 5
                data: {source: builtin:iris}
                metric: {name: val_accuracy}
                parameters:
                  optimizer: {values: [sgd, adam]}
                  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 1}
                """);

        assertThat(SpaceParser.parse(file)).isEqualTo(built);
        assertThat(built.parameters()).hasSize(TrialConfig.KNOBS.size());
        assertThat(built.plannedTrials()).isEqualTo(16);
    }

    @Test
    void codeThatBreaksARuleGetsTheKeyInTheMessage() {
        assertThatThrownBy(() -> inCode(SearchMethod.GRID, List.of(
                Parameter.distribution("dropout", DistributionKind.UNIFORM, 0, 0.5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("key 'parameters.dropout.distribution': grid cannot enumerate uniform");
        assertThatThrownBy(() -> inCode(SearchMethod.RANDOM, List.of(Parameter.fixed("epochs", 3),
                Parameter.values("epochs", List.of(3, 5)))))
                .hasMessage("key 'parameters.epochs': appears twice");
        assertThatThrownBy(() -> new SweepSpace("x", "", SearchMethod.RANDOM, 1, 1, 0,
                new DataSpec("builtin:diabetes", null, Task.REGRESSION, 0.7, 0.15, 0.15, false),
                Metric.named("val_f1_macro"), EarlyTermination.NONE, List.of(), ModelType.MLP, 1, 1, List.of()))
                .hasMessage("key 'metric.name': val_f1_macro is a classification metric, but data.task is regression");
        assertThatThrownBy(() -> inCode(SearchMethod.RANDOM, List.of()).withTrials(2_000_000))
                .hasMessage("key 'trials': the plan would hold 4000000 trials; at most 1000000");
    }

    @Test
    void aBrokenSweepJsonSpaceIsNamedWithoutALineNumber() {
        Map<String, Object> resolved = new LinkedHashMap<>(inCode(SearchMethod.RANDOM, List.of()).toResolvedMap());
        resolved.put("parameters", Map.of("optimizer", Map.of("values", List.of("adamx"))));

        assertThatThrownBy(() -> SweepSpace.fromResolvedMap(resolved, "results/run/sweep.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("results/run/sweep.json: key 'parameters.optimizer.values[0]': "
                        + "'adamx' is not one of sgd, momentum, adam, adamw, rmsprop, adagrad");
    }
}
