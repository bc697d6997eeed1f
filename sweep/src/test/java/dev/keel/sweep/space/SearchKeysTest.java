package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.sampler.TrialPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of search that learns: method bayes, early_terminate hyperband, and knobs that depend on another. */
class SearchKeysTest {
    @TempDir
    Path dir;

    private SweepSpace parse(String yaml) throws IOException {
        return SpaceParser.parse(Files.writeString(dir.resolve("space.yaml"), yaml));
    }

    private void assertError(String yaml, String expectedAfterFileName) throws IOException {
        Path file = Files.writeString(dir.resolve("space.yaml"), yaml);
        assertThatThrownBy(() -> SpaceParser.parse(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + expectedAfterFileName);
    }

    @Test
    void hyperbandTakesWandbKeysWithTheirDefaultsAndSweepJsonKeepsThem() throws IOException {
        SweepSpace space = parse("""
                data: {source: builtin:digits}
                method: bayes
                early_terminate: {type: hyperband, min_iter: 2}
                """);
        assertThat(space.method()).isEqualTo(SearchMethod.BAYES);
        assertThat(space.earlyTerminate()).isEqualTo(EarlyTermination.hyperband(2, 3));
        Map<String, Object> resolved = space.toResolvedMap();
        assertThat(resolved.get("early_terminate")).isEqualTo(Map.of("type", "hyperband", "min_iter", 2, "eta", 3));
        assertThat(SweepSpace.fromResolvedMap(resolved, "sweep.json")).isEqualTo(space);
        assertThat(parse("""
                data: {source: builtin:digits}
                early_terminate: {type: hyperband}
                """).earlyTerminate()).isEqualTo(EarlyTermination.hyperband(1, 3));
    }

    @Test
    void hyperbandMistakesAreOneLineErrors() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                early_terminate: {type: median, eta: 3}
                """, ":2: key 'early_terminate.eta': eta goes with type: hyperband, not median");
        assertError("""
                data: {source: builtin:digits}
                early_terminate: {type: hyperband, eta: 1}
                """, ":2: key 'early_terminate.eta': expected a whole number >= 2, got '1'");
        assertError("""
                data: {source: builtin:digits}
                early_terminate: {type: hyperband, max_iter: 27}
                """, ":2: key 'early_terminate.max_iter': unknown key (did you mean 'min_iter'?); expected one of "
                + "type, min_iter, eta");
    }

    @Test
    void aKnobCanDependOnTheValueOfAnotherAndTakesItsDefaultElsewhere() throws IOException {
        SweepSpace space = parse("""
                data: {source: builtin:digits}
                trials: 64
                parameters:
                  optimizer: {values: [adam, adamw, sgd]}
                  weight_decay: {distribution: log_uniform_values, min: 0.0001, max: 0.1, when: {optimizer: adamw}}
                  gradient_clipping: {values: [0.5, 1.0], when: {optimizer: [sgd]}}
                """);
        Parameter decay = space.parameter("weight_decay");
        assertThat(decay).isInstanceOf(Conditional.class);
        assertThat(decay.describe()).isEqualTo("log_uniform_values [0.0001, 0.1] when optimizer is adamw");
        for (var trial : TrialPlan.of(space).trials()) {
            Map<String, Object> p = trial.params();
            assertThat(p.get("weight_decay").equals(0.0)).as(trial.id()).isEqualTo(!p.get("optimizer").equals("adamw"));
            assertThat(p.get("gradient_clipping").equals("none")).as(trial.id()).isEqualTo(!p.get("optimizer").equals("sgd"));
        }
        assertThat(SweepSpace.fromResolvedMap(space.toResolvedMap(), "sweep.json")).isEqualTo(space);
    }

    @Test
    void aKnobCanDependOnlyOnAListedKnobAndOnlyOnItsValuesAndNotUnderGrid() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [adam, sgd]}
                  weight_decay: {values: [0.01, 0.1], when: {optimizer: adamw}}
                """, ":4: key 'parameters.weight_decay.when.optimizer': 'adamw' is not one of the values of optimizer"
                + " (adam, sgd)");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  weight_decay: {values: [0.01, 0.1], when: {optimizer: adam}}
                """, ":3: key 'parameters.weight_decay.when.optimizer': optimizer must be varied with 'values' (not a"
                + " fixed value, a distribution or a conditional knob) for weight_decay to depend on it");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [adam, sgd]}
                  weight_decay: {value: 0.1, when: {optimizer: adam}}
                """, ":4: key 'parameters.weight_decay.when': when goes with values or a distribution, not with a"
                + " fixed value");
        assertError("""
                data: {source: builtin:digits}
                method: grid
                parameters:
                  optimizer: {values: [adam, sgd]}
                  l2: {values: [0.01, 0.1], when: {optimizer: sgd}}
                """, ":5: key 'parameters.l2.when': grid runs every combination, and would run each one where l2 does"
                + " not exist again; use method random, sobol or bayes");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [adam, sgd]}
                  l2: {values: [0.01, 0.1], when: {optimiser: sgd}}
                """, ":4: key 'parameters.l2.when.optimiser': unknown key (did you mean 'optimizer'?); expected one of "
                + String.join(", ", dev.keel.sweep.config.TrialConfig.KNOBS));
    }

    @Test
    void aBayesPlanHasTheIdsAndSeedsOfARandomPlanOfTheSameSpace() throws IOException {
        String body = """
                data: {source: builtin:digits}
                trials: 12
                seed: 5
                parameters:
                  optimizer: {values: [adam, sgd]}
                  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 1}
                """;
        List<?> bayes = TrialPlan.of(parse("method: bayes\n" + body)).trials().stream()
                .map(t -> t.id() + "/" + t.seed()).toList();
        List<?> random = TrialPlan.of(parse("method: random\n" + body)).trials().stream()
                .map(t -> t.id() + "/" + t.seed()).toList();
        assertThat(bayes).hasSize(12).isEqualTo(random);
    }
}
