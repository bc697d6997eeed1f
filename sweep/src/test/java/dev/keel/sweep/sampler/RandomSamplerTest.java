package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Parameter;

import java.util.List;

class RandomSamplerTest extends SamplerContract {
    @Override
    Sampler sampler(List<Parameter> parameters, long seed) {
        return new RandomSampler(parameters, seed);
    }
}
