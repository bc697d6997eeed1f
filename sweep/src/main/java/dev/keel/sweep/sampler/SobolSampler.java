package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Conditional;
import dev.keel.sweep.space.Parameter;
import org.apache.commons.math3.random.SobolSequenceGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points of a Sobol sequence (Commons Math, Joe–Kuo direction numbers), one dimension per varied parameter,
 * each mapped onto its domain. The sequence is scrambled by a random digital shift drawn from the seed (every
 * coordinate's 52 bits XORed with a per-dimension mask), which keeps its even spread: any 2^k consecutive
 * points from the start still fall one in each of 2^k equal slices of every dimension. Use a power of two
 * for {@code trials} to get that balance.
 */
public final class SobolSampler implements Sampler {
    /** Commons Math's Sobol coordinates are multiples of 2^-52. */
    private static final double SCALE = Math.pow(2, 52);
    private static final long MASK = (1L << 52) - 1;

    private final List<Parameter> parameters;
    private final long[] shifts;
    private final SobolSequenceGenerator sequence;

    public SobolSampler(List<Parameter> parameters, long seed) {
        this.parameters = List.copyOf(parameters);
        this.shifts = new long[this.parameters.size()];
        for (int d = 0; d < shifts.length; d++) {
            shifts[d] = Seeds.mix(seed, Seeds.SOBOL_SHIFT_STREAM, d, 0) & MASK;
        }
        this.sequence = shifts.length == 0 ? null : new SobolSequenceGenerator(shifts.length);
    }

    @Override
    public int configurations(int requested) {
        return requested;
    }

    @Override
    public Suggestion sample(int index, SearchHistory history) {
        double[] point = point(index);
        Map<String, Object> config = new LinkedHashMap<>();
        for (int d = 0; d < parameters.size(); d++) {
            config.put(parameters.get(d).knob(), parameters.get(d).valueAt(point[d]));
        }
        return Suggestion.planned(Conditional.resolve(config, parameters));
    }

    /** The shifted point {@code index} of the sequence, every coordinate in [0, 1). */
    double[] point(int index) {
        if (sequence == null) {
            return new double[0];
        }
        double[] raw;
        synchronized (sequence) {
            raw = sequence.skipTo(index);
        }
        double[] shifted = new double[raw.length];
        for (int d = 0; d < raw.length; d++) {
            long bits = (long) (raw[d] * SCALE);
            shifted[d] = ((bits ^ shifts[d]) & MASK) / SCALE;
        }
        return shifted;
    }
}
