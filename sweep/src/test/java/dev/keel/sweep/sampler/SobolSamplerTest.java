package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SobolSamplerTest extends SamplerContract {
    @Override
    Sampler sampler(List<Parameter> parameters, long seed) {
        return new SobolSampler(parameters, seed);
    }

    @Test
    void theFirstPowerOfTwoPointsFallOneInEachSliceOfEveryDimensionWhateverTheSeed() {
        List<Parameter> unit = List.of(
                new Distribution("dropout", DistributionKind.UNIFORM, 0, 0.5, null),
                new Distribution("l2", DistributionKind.UNIFORM, 0, 0.5, null),
                new Distribution("l1", DistributionKind.UNIFORM, 0, 0.5, null));
        for (long seed : new long[] {0, 1, 42}) {
            SobolSampler sampler = new SobolSampler(unit, seed);
            for (int d = 0; d < unit.size(); d++) {
                int[] slices = new int[16];
                for (int i = 0; i < 16; i++) {
                    slices[(int) Math.floor(sampler.point(i)[d] * 16)]++;
                }
                assertThat(slices).as("seed %d, dimension %d", seed, d).containsOnly(1);
            }
        }
    }

    @Test
    void aSpaceWithNothingVariedPlansEmptyConfigurations() {
        assertThat(new SobolSampler(List.of(), 3).sample(5, SearchHistory.EMPTY).values()).isEmpty();
    }
}
