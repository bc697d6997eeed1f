package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.config.ModelType;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceParserTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private SweepSpace parse(String yaml) throws IOException {
        return SpaceParser.parse(write("space.yaml", yaml));
    }

    /** The whole one-line message, with the file name as the user typed it. */
    private void assertError(String yaml, String expectedAfterFileName) throws IOException {
        Path file = write("space.yaml", yaml);
        assertThatThrownBy(() -> SpaceParser.parse(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + expectedAfterFileName)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aSpaceOfOnlyDataTakesEveryDefaultOfTheDesign() throws IOException {
        SweepSpace space = SpaceParser.parse(write("tiny-sweep.yaml", "data: {source: builtin:digits}\n"));

        assertThat(space.name()).isEqualTo("tiny-sweep");
        assertThat(space.description()).isEmpty();
        assertThat(space.method()).isEqualTo(SearchMethod.RANDOM);
        assertThat(space.trials()).isEqualTo(20);
        assertThat(space.repeats()).isEqualTo(1);
        assertThat(space.seed()).isZero();
        assertThat(space.metric()).isEqualTo(new Metric("val_loss", Metric.Goal.MINIMIZE));
        assertThat(space.earlyTerminate()).isEqualTo(EarlyTermination.DIVERGENCE);
        assertThat(space.model()).isEqualTo(ModelType.MLP);
        assertThat(space.data().source()).isEqualTo("builtin:digits");
        assertThat(space.data().target()).isNull();
        assertThat(space.data().task()).isNull();
        assertThat(List.of(space.data().train(), space.data().validation(), space.data().test()))
                .containsExactly(0.7, 0.15, 0.15);
        assertThat(space.data().stratify()).isTrue();
        assertThat(space.varied()).isEmpty();
        assertThat(space.parameters()).extracting(Parameter::knob).containsExactlyElementsOf(TrialConfig.KNOBS);
        assertThat(space.baseConfig()).isEqualTo(TrialConfig.defaults());
    }

    @Test
    void theDesignExampleReadsAsWritten() throws IOException {
        SweepSpace space = parse("""
                name: learning-rates            # names the run folder under results/
                description: where each optimiser stops being stable
                method: random                  # grid | random | sobol
                trials: 40                      # ignored by grid, which runs the whole product
                repeats: 1                      # seeds per configuration
                seed: 42
                data:
                  source: builtin:digits        # builtin:NAME or a path to a CSV file
                  target: target                # the target column
                  split: {train: 0.7, validation: 0.15, test: 0.15}
                  stratify: true
                metric: {name: val_accuracy, goal: maximize}
                early_terminate: {type: divergence}
                parameters:
                  optimizer: {values: [sgd, momentum, adam, rmsprop]}
                  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 3.0}
                  gradient_clipping: {values: [none, 1.0]}
                  epochs: {value: 20}
                """);

        assertThat(space.name()).isEqualTo("learning-rates");
        assertThat(space.description()).isEqualTo("where each optimiser stops being stable");
        assertThat(space.trials()).isEqualTo(40);
        assertThat(space.seed()).isEqualTo(42);
        assertThat(space.data().target()).isEqualTo("target");
        assertThat(space.metric()).isEqualTo(new Metric("val_accuracy", Metric.Goal.MAXIMIZE));
        assertThat(space.varied()).containsExactly(
                new Choice("optimizer", List.of("sgd", "momentum", "adam", "rmsprop")),
                new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 0.0001, 3.0, null),
                new Choice("gradient_clipping", List.of("none", 1.0)));
        assertThat(space.parameter("epochs")).isEqualTo(new FixedValue("epochs", 20));
        assertThat(space.parameters()).extracting(Parameter::knob)
                .startsWith("optimizer", "learning_rate", "gradient_clipping", "epochs", "activation");
    }

    @Test
    void valuesAreStoredInTheFormTrialsJsonlWrites() throws IOException {
        SweepSpace space = parse("""
                data: {source: builtin:iris}
                parameters:
                  optimizer: {values: [SGD, Adam]}
                  batch_size: {values: [16.0, "64"]}
                  gradient_clipping: {values: [none, "2", "value:0.5"]}
                  early_stopping: {values: [none, {patience: 3}]}
                """);

        assertThat(((Choice) space.parameter("optimizer")).values()).containsExactly("sgd", "adam");
        assertThat(((Choice) space.parameter("batch_size")).values()).containsExactly(16, 64);
        assertThat(((Choice) space.parameter("gradient_clipping")).values()).containsExactly("none", 2.0, "value:0.5");
        assertThat(((Choice) space.parameter("early_stopping")).values())
                .containsExactly("none", Map.of("patience", 3, "min_delta", 1e-4));
    }

    @Test
    void trainingModelAndEarlyTerminationAreRead() throws IOException {
        SweepSpace space = parse("""
                data: {source: builtin:digits, task: classification}
                model: {type: cnn}
                training: {trace_every: 5, max_seconds: 30}
                early_terminate: {type: median}
                metric: {name: test_f1_macro}
                """);

        assertThat(space.model()).isEqualTo(ModelType.CNN);
        assertThat(space.traceEvery()).isEqualTo(5);
        assertThat(space.maxSeconds()).isEqualTo(30.0);
        assertThat(space.earlyTerminate()).isEqualTo(EarlyTermination.MEDIAN);
        assertThat(space.metric()).as("a score's goal defaults to maximize").isEqualTo(new Metric("test_f1_macro", Metric.Goal.MAXIMIZE));
        assertThat(space.data().task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(space.baseConfig().traceEvery()).isEqualTo(5);
        assertThat(space.baseConfig().model()).isEqualTo(ModelType.CNN);
    }

    @Test
    void aValueOutsideAKnobsTokensNamesTheKeyTheLineAndTheAllowedTokens() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer:
                    values:
                      - sgd
                      - adam
                      - adamx
                """, ":7: key 'parameters.optimizer.values[2]': 'adamx' is not one of sgd, momentum, adam, adamw, rmsprop, adagrad");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [sgd, adam, adamx]}
                """, ":3: key 'parameters.optimizer.values[2]': 'adamx' is not one of sgd, momentum, adam, adamw, rmsprop, adagrad");
    }

    @Test
    void unknownKeysAreErrorsWhereverTheyAre() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                trails: 10
                """, ":2: key 'trails': unknown key (did you mean 'trials'?); expected one of "
                + String.join(", ", SpaceParser.TOP_KEYS));
        assertError("""
                data:
                  source: builtin:digits
                  targte: y
                """, ":3: key 'data.targte': unknown key (did you mean 'target'?); expected one of source, target, task, split, stratify");
        assertError("""
                data: {source: builtin:digits}
                metric: {name: val_loss, direction: minimize}
                """, ":2: key 'metric.direction': unknown key; expected one of name, goal");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rat: {value: 0.1}
                """, ":3: key 'parameters.learning_rat': unknown key (did you mean 'learning_rate'?); expected one of "
                + String.join(", ", TrialConfig.KNOBS));
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rate:
                    distribution: uniform
                    min: 0.1
                    maximum: 1
                """, ":6: key 'parameters.learning_rate.maximum': unknown key (did you mean 'max'?); expected one of value, values, distribution, min, max, q, when");
        assertError("""
                data: {source: builtin:digits}
                training: {trace_every: 5, budget: 10}
                """, ":2: key 'training.budget': unknown key; expected one of trace_every, max_seconds");
    }

    @Test
    void distributionsAreCheckedBeforeAnyTraining() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rate: {distribution: uniform, min: 0.5, max: 0.1}
                """, ":3: key 'parameters.learning_rate.min': min 0.5 is greater than max 0.1");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  l2:
                    distribution: log_uniform_values
                    min: 0
                    max: 0.1
                """, ":5: key 'parameters.l2.min': log_uniform_values needs min > 0, was 0");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  dropout: {distribution: uniform, min: 0, max: 1}
                """, ":3: key 'parameters.dropout.max': must be a probability in [0, 1), was 1.0");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  activation: {distribution: uniform, min: 0, max: 1}
                """, ":3: key 'parameters.activation.distribution': activation is not a number; list its choices under 'values' instead");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rate: {distribution: log_uniform, min: 0.001, max: 1}
                """, ":3: key 'parameters.learning_rate.distribution': 'log_uniform' is not one of uniform, log_uniform_values, int_uniform, q_log_uniform_values");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  depth: {distribution: int_uniform, min: 1.5, max: 4}
                """, ":3: key 'parameters.depth.min': int_uniform needs a whole number, was 1.5");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rate: {distribution: uniform, max: 1}
                """, ":3: key 'parameters.learning_rate': uniform needs min and max");
    }

    @Test
    void gridRefusesAContinuousDistributionButEnumeratesAnIntegerRange() throws IOException {
        assertError("""
                method: grid
                data: {source: builtin:digits}
                parameters:
                  learning_rate: {distribution: log_uniform_values, min: 0.001, max: 1}
                """, ":4: key 'parameters.learning_rate.distribution': grid cannot enumerate log_uniform_values; "
                + "list the points under 'values', or use method random or sobol");

        SweepSpace space = parse("""
                method: grid
                data: {source: builtin:digits}
                parameters:
                  depth: {distribution: int_uniform, min: 1, max: 4}
                  optimizer: {values: [sgd, adam]}
                """);
        assertThat(space.configurations()).isEqualTo(8);
    }

    @Test
    void wrongTypesSayWhatWasExpected() throws IOException {
        assertError("""
                data: {source: builtin:digits}
                trials: ten
                """, ":2: key 'trials': expected a whole number >= 1, got 'ten'");
        assertError("""
                data: {source: builtin:digits}
                repeats: 0
                """, ":2: key 'repeats': expected a whole number >= 1, got '0'");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: adam}
                """, ":3: key 'parameters.optimizer.values': expected a list of values, e.g. [a, b], got 'adam'");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: adam
                """, ":3: key 'parameters.optimizer': expected {value: adam} (or {values: [A, B]} or a distribution), got 'adam'");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {value: adam, values: [sgd]}
                """, ":3: key 'parameters.optimizer': give only one of value, values or distribution, not value and values");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  batch_size: {values: [32, 12.5]}
                """, ":3: key 'parameters.batch_size.values[1]': '12.5' is not an integer");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  learning_rate: {value: -1}
                """, ":3: key 'parameters.learning_rate.value': must be a number > 0, was -1.0");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [adam, ADAM]}
                """, ":3: key 'parameters.optimizer.values[1]': 'ADAM' repeats values[0]");
        assertError("""
                data: {source: builtin:digits}
                method: hyperopt
                """, ":2: key 'method': 'hyperopt' is not one of grid, random, sobol, bayes");
    }

    @Test
    void dataAndMetricMistakesAreCaught() throws IOException {
        assertError("name: x\n", ":1: key 'data': missing; a space needs data.source: builtin:NAME or a path to a CSV file");
        assertError("""
                name: x
                data:
                  target: y
                """, ":2: key 'data.source': missing; expected builtin:NAME or a path to a CSV file");
        assertError("""
                data: {source: builtin:digits, split: {train: 0.8, validation: 0.2}}
                """, ":1: key 'data.split': shares must sum to 1, got 0.8 + 0.2 + 0.15");
        assertError("""
                data: {source: builtin:digits}
                metric: {name: accuracy}
                """, ":2: key 'metric.name': 'accuracy' is not one of " + String.join(", ", Metric.NAMES));
        assertError("""
                data: {source: builtin:diabetes, task: regression}
                metric: {name: val_accuracy}
                """, ":2: key 'metric.name': val_accuracy is a classification metric, but data.task is regression");
        assertError("""
                data: {source: "builtin:Digits!"}
                """, ":1: key 'data.source': 'builtin:Digits!' is not builtin:NAME (a lower-case name such as builtin:digits)");
    }

    @Test
    void brokenYamlEmptyFilesAndDuplicateKeysAreOneLineErrors() throws IOException {
        assertError("", ":1: the space is empty; it needs at least data.source (builtin:NAME or a CSV path)");
        assertError("""
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [sgd, adam}
                """, ":3: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got }");
        assertError("""
                data: {source: builtin:digits}
                seed: 1
                seed: 2
                """, ":3: key 'seed': appears twice (first on line 2)");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> SpaceParser.parse(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": cannot read the space file (no such file)");
    }

    @Test
    void aRelativeCsvIsFoundNextToTheSpaceFileFirstThenInTheWorkingFolder() throws IOException {
        Path spaces = Files.createDirectories(dir.resolve("spaces"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(spaces.resolve("both.csv"), "x,y\n1,0\n");
        Files.writeString(work.resolve("both.csv"), "x,y\n1,0\n");
        Files.writeString(work.resolve("here.csv"), "x,y\n1,0\n");
        Path file = spaces.resolve("s.yaml");

        Files.writeString(file, "data: {source: both.csv}\n");
        assertThat(SpaceParser.parse(file, work).data().source()).isEqualTo(spaces.resolve("both.csv").toString());

        Files.writeString(file, "data: {source: here.csv}\n");
        assertThat(SpaceParser.parse(file, work).data().source()).isEqualTo(work.resolve("here.csv").toString());

        Files.writeString(file, "data: {source: gone.csv}\n");
        assertThatThrownBy(() -> SpaceParser.parse(file, work))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ":1: key 'data.source': no CSV file 'gone.csv' (looked for "
                        + spaces.resolve("gone.csv") + " and " + work.resolve("gone.csv")
                        + "); expected builtin:NAME or a path to a CSV file");
    }

    @Test
    void maxSecondsAcceptsNoneForNoBudget() throws IOException {
        assertThat(parse("data: {source: builtin:digits}\ntraining: {max_seconds: none}\n").maxSeconds())
                .isInfinite();
        assertError("data: {source: builtin:digits}\ntraining: {max_seconds: 0}\n",
                ":2: key 'training.max_seconds': expected a number of seconds > 0 (or none), got 0.0");
    }
}
