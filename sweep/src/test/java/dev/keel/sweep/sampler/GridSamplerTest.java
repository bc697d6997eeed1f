package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.FixedValue;
import dev.keel.sweep.space.Parameter;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridSamplerTest extends SamplerContract {
    @Override
    Sampler sampler(List<Parameter> parameters, long seed) {
        return new GridSampler(parameters);
    }

    @Override
    boolean seeded() {
        return false;
    }

    @Override
    List<Parameter> parameters() {
        return List.of(
                new Choice("activation", List.of("relu", "tanh", "sigmoid")),
                new Distribution("depth", DistributionKind.INT_UNIFORM, 2, 8, 2.0),
                new Choice("batch_norm", List.of(false, true)),
                new Choice("early_stopping", List.of("none", Map.of("patience", 3))));
    }

    @Test
    void coversEveryCombinationExactlyOnceWhateverTrialsAsks() {
        Sampler grid = sampler(parameters(), 0);
        assertThat(grid.configurations(5)).isEqualTo(3 * 4 * 2 * 2);
        List<Map<String, Object>> plan = plan(grid);
        assertThat(plan).hasSize(48);
        Set<Map<String, Object>> distinct = new HashSet<>(plan);
        assertThat(distinct).hasSize(48);
        for (Object activation : List.of("relu", "tanh", "sigmoid")) {
            for (Object depth : List.of(2, 4, 6, 8)) {
                for (Object batchNorm : List.of(false, true)) {
                    for (Object es : List.of("none", Map.of("patience", 3, "min_delta", 1e-4))) {
                        assertThat(distinct).contains(Map.of("activation", activation, "depth", depth,
                                "batch_norm", batchNorm, "early_stopping", es));
                    }
                }
            }
        }
    }

    @Test
    void theFirstParameterChangesSlowestLikeNestedLoops() {
        Sampler grid = new GridSampler(List.of(
                new Choice("optimizer", List.of("sgd", "adam")),
                new Choice("activation", List.of("relu", "tanh", "elu"))));
        assertThat(plan(grid)).extracting(c -> c.get("optimizer") + "/" + c.get("activation")).containsExactly(
                "sgd/relu", "sgd/tanh", "sgd/elu", "adam/relu", "adam/tanh", "adam/elu");
    }

    @Test
    void aGridOfNothingVariedIsOneConfigurationAndItRefusesContinuousRanges() {
        assertThat(new GridSampler(List.of()).configurations(20)).isEqualTo(1);
        assertThat(new GridSampler(List.of(new FixedValue("epochs", 3))).sample(0, SearchHistory.EMPTY).values())
                .isEqualTo(Map.of("epochs", 3));
        assertThatThrownBy(() -> new GridSampler(List.of(
                new Distribution("learning_rate", DistributionKind.UNIFORM, 0.1, 1, null))))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
