package dev.keel.sweep.sampler;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keel.diagnose.Json;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrialPlanTest {
    /** docs/DESIGN.md's top-level keys, in the order sweep.json writes them. */
    private static final List<String> TOP_KEYS = List.of("name", "description", "method", "trials", "repeats",
            "seed", "data", "metric", "early_terminate", "parameters", "model", "training");

    @TempDir
    Path dir;

    private SweepSpace space(String method, String extra) throws IOException {
        Path file = dir.resolve(method + ".yaml");
        Files.writeString(file, """
                name: plan-test
                method: %s
                trials: 12
                seed: 42
                data: {source: builtin:digits}
                parameters:
                  optimizer: {values: [sgd, adam]}
                  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 3}
                  depth: {distribution: int_uniform, min: 1, max: 3}
                  epochs: {value: 5}
                %s""".formatted(method, extra));
        return SpaceParser.parse(file);
    }

    private SweepSpace gridSpace() throws IOException {
        Path file = dir.resolve("grid.yaml");
        Files.writeString(file, """
                method: grid
                trials: 5
                repeats: 2
                data: {source: builtin:digits}
                parameters:
                  activation: {values: [relu, tanh, sigmoid]}
                  weight_init: {values: [he, normal]}
                  depth: {distribution: int_uniform, min: 2, max: 4}
                """);
        return SpaceParser.parse(file);
    }

    @Test
    void aPlanHoldsTrialsTimesRepeatsWithSortableFileSafeIds() throws IOException {
        TrialPlan plan = TrialPlan.of(space("random", "repeats: 3\n"));

        assertThat(plan.size()).isEqualTo(36);
        List<String> ids = plan.trials().stream().map(PlannedTrial::id).toList();
        assertThat(ids).startsWith("t0000-r0", "t0000-r1", "t0000-r2", "t0001-r0").endsWith("t0011-r2");
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
    }

    @Test
    void repeatsOfAConfigurationDifferOnlyInTheirSeed() throws IOException {
        TrialPlan plan = TrialPlan.of(space("sobol", "repeats: 3\n"));
        Set<Long> seeds = new HashSet<>();
        for (int c = 0; c < 12; c++) {
            List<PlannedTrial> repeats = plan.trials().subList(3 * c, 3 * c + 3);
            assertThat(repeats).extracting(PlannedTrial::configIndex).containsOnly(c);
            assertThat(repeats).extracting(PlannedTrial::repeat).containsExactly(0, 1, 2);
            assertThat(repeats).extracting(PlannedTrial::config).containsOnly(repeats.get(0).config());
            repeats.forEach(t -> seeds.add(t.seed()));
        }
        assertThat(seeds).as("every trial has its own seed").hasSize(36);
        assertThat(seeds).allMatch(s -> s >= 0 && s < (1L << 32));
    }

    @Test
    void everyTrialCarriesEveryKnobResolvedWithTheFixedValuesAndTheSampledOnes() throws IOException {
        SweepSpace space = space("random", "training: {trace_every: 3}\n");
        for (PlannedTrial t : TrialPlan.of(space).trials()) {
            assertThat(t.params()).isEqualTo(t.config().toParams());
            assertThat(t.params().keySet()).containsExactlyElementsOf(TrialConfig.KNOBS);
            assertThat(t.config().epochs()).isEqualTo(5);
            assertThat(t.config().traceEvery()).isEqualTo(3);
            assertThat(t.params().get("optimizer")).isIn("sgd", "adam");
            assertThat((double) t.params().get("learning_rate")).isBetween(1e-4, 3.0);
            assertThat(t.config().depth()).isBetween(1, 3);
            assertThat(t.config().activation()).isEqualTo(TrialConfig.defaults().activation());
        }
    }

    @Test
    void gridPlansItsWholeProductWhateverTrialsSays() throws IOException {
        TrialPlan plan = TrialPlan.of(gridSpace());
        assertThat(plan.size()).isEqualTo(3 * 2 * 3 * 2);
        assertThat(plan.trials().stream().map(PlannedTrial::config).distinct()).hasSize(18);
        assertThat(plan.trials().get(0).id()).isEqualTo("t0000-r0");
        assertThat(plan.trials().get(35).id()).isEqualTo("t0017-r1");
    }

    @Test
    void theSweepSeedDecidesThePlanAndMoreTrialsOnlyExtendIt() throws IOException {
        for (String method : List.of("random", "sobol")) {
            SweepSpace space = space(method, "");
            TrialPlan plan = TrialPlan.of(space);
            assertThat(TrialPlan.of(space)).isEqualTo(plan);

            TrialPlan longer = TrialPlan.of(space.withTrials(20));
            assertThat(longer.size()).isEqualTo(20);
            assertThat(longer.trials().subList(0, 12)).as(method).isEqualTo(plan.trials());

            TrialPlan reseeded = TrialPlan.of(space.withSeed(43));
            assertThat(reseeded.trials()).extracting(PlannedTrial::seed)
                    .doesNotContainAnyElementsOf(plan.trials().stream().map(PlannedTrial::seed).toList());
            assertThat(reseeded.trials()).extracting(PlannedTrial::params)
                    .isNotEqualTo(plan.trials().stream().map(PlannedTrial::params).toList());
        }
    }

    @Test
    void idsWidenPastTenThousandConfigurationsSoTheyStillSort() throws IOException {
        TrialPlan plan = TrialPlan.of(space("random", "").withTrials(10_001));
        assertThat(plan.trials().get(0).id()).isEqualTo("t00000-r0");
        assertThat(plan.trials().get(10_000).id()).isEqualTo("t10000-r0");
        assertThat(plan.trials()).extracting(PlannedTrial::id).isSorted();
    }

    @Test
    void remainingIsWhatAResumedSweepStillRuns() throws IOException {
        TrialPlan plan = TrialPlan.of(space("random", "repeats: 2\n"));
        List<PlannedTrial> left = plan.remaining(List.of("t0000-r0", "t0003-r1", "not-in-plan"));
        assertThat(left).hasSize(22);
        assertThat(left).extracting(PlannedTrial::id).doesNotContain("t0000-r0", "t0003-r1").startsWith("t0000-r1");
        assertThat(plan.find("t0005-r1")).hasValueSatisfying(t -> assertThat(t.configIndex()).isEqualTo(5));
    }

    @Test
    void theResolvedSpaceReadBackFromSweepJsonGivesTheIdenticalPlan() throws IOException {
        Path csv = Files.writeString(dir.resolve("mine.csv"), "a,b,label\n1,2,x\n");
        List<SweepSpace> spaces = List.of(
                space("random", "repeats: 2\n"),
                space("sobol", """
                        metric: {name: val_accuracy}
                        early_terminate: {type: none}
                        model: {type: cnn}
                        training: {trace_every: 7, max_seconds: 12.5}
                        description: every key set
                        """).withTrials(9).withSeed(-3),
                gridSpace(),
                SpaceParser.parse(Files.writeString(dir.resolve("csv.yaml"), """
                        data: {source: mine.csv, target: label, task: classification, split: {train: 0.6, validation: 0.2, test: 0.2}, stratify: false}
                        parameters:
                          dropout: {distribution: uniform, min: 0, max: 0.5, q: 0.1}
                          width: {distribution: q_log_uniform_values, min: 8, max: 256, q: 8}
                          early_stopping: {values: [none, {patience: 2, min_delta: 0.01}]}
                          gradient_clipping: {values: [none, 1, "value:0.5"]}
                          augment: {values: [none, "noise:0.1"]}
                        """)));
        for (SweepSpace space : spaces) {
            Path run = dir.resolve("run-" + space.method().token() + space.data().source().hashCode());
            ResultStore.create(run, new SweepManifest(space.name(), space.description(), space.toResolvedMap(),
                    space.seed(), space.plannedTrials(), "test", "test", "2024-01-01T00:00:00Z", null));

            Map<String, Object> stored = ResultStore.open(run).manifest().space();
            SweepSpace back = SweepSpace.fromResolvedMap(stored, run.resolve("sweep.json").toString());

            assertThat(back).isEqualTo(space);
            assertThat(TrialPlan.of(back)).isEqualTo(TrialPlan.of(space));
        }
        assertThat(csv).exists();
    }

    @Test
    void theResolvedMapHasEveryKeyWithDefaultsFilled() throws IOException {
        Map<String, Object> map = SpaceParser.parse(Files.writeString(dir.resolve("min.yaml"),
                "data: {source: builtin:iris}\n")).toResolvedMap();
        String json = Json.mapper().writeValueAsString(map);
        Map<String, Object> read = Json.mapper().readValue(json, new TypeReference<>() { });

        assertThat(List.copyOf(read.keySet())).isEqualTo(TOP_KEYS);
        assertThat(json).contains("\"method\":\"random\"", "\"trials\":20", "\"repeats\":1", "\"seed\":0",
                "\"metric\":{\"name\":\"val_loss\",\"goal\":\"minimize\"}", "\"early_terminate\":{\"type\":\"divergence\"}",
                "\"model\":{\"type\":\"mlp\"}", "\"training\":{\"trace_every\":10,\"max_seconds\":null}",
                "\"split\":{\"train\":0.7,\"validation\":0.15,\"test\":0.15}", "\"optimizer\":{\"value\":\"adam\"}",
                "\"early_stopping\":{\"value\":{\"patience\":5,\"min_delta\":1.0E-4}}");
        assertThat(List.copyOf(((Map<?, ?>) read.get("parameters")).keySet())).isEqualTo(TrialConfig.KNOBS);
    }
}
