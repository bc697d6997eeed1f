package dev.keel.sweep.sampler;

import dev.keel.sweep.space.Choice;
import dev.keel.sweep.space.Distribution;
import dev.keel.sweep.space.DistributionKind;
import dev.keel.sweep.space.KnobDomain;
import dev.keel.sweep.space.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What every sampler promises (Optuna's tests/samplers_tests/test_samplers.py, for keel): the same seed gives
 * the same plan, whatever order it is asked in; every value lies in its parameter's domain and is one the
 * trainer accepts; every listed value is reached; different seeds give different plans (seeded samplers).
 */
abstract class SamplerContract {

    abstract Sampler sampler(List<Parameter> parameters, long seed);

    /** Whether the seed changes the plan (grid: no). */
    boolean seeded() {
        return true;
    }

    /** The space the contract samples: categorical, log, integer, quantised and structured values. */
    List<Parameter> parameters() {
        return List.of(
                new Choice("optimizer", List.of("sgd", "momentum", "adam", "rmsprop")),
                new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 3.0, null),
                new Distribution("depth", DistributionKind.INT_UNIFORM, 1, 6, null),
                new Distribution("dropout", DistributionKind.UNIFORM, 0, 0.5, 0.05),
                new Distribution("batch_size", DistributionKind.LOG_UNIFORM_VALUES, 8, 512, null),
                new Distribution("width", DistributionKind.Q_LOG_UNIFORM_VALUES, 8, 256, 8.0),
                new Choice("gradient_clipping", List.of("none", 1.0, "value:0.5")),
                new Choice("early_stopping", List.of("none", Map.of("patience", 3))));
    }

    int samples() {
        return 256;
    }

    final List<Map<String, Object>> plan(Sampler sampler) {
        List<Map<String, Object>> plan = new ArrayList<>();
        for (int i = 0; i < sampler.configurations(samples()); i++) {
            plan.add(sampler.sample(i, SearchHistory.EMPTY).values());
        }
        return plan;
    }

    @Test
    void theSameSeedGivesTheSamePlanInWhateverOrderItIsAsked() {
        List<Map<String, Object>> first = plan(sampler(parameters(), 7));
        Sampler again = sampler(parameters(), 7);
        List<Map<String, Object>> backwards = new ArrayList<>();
        for (int i = first.size() - 1; i >= 0; i--) {
            backwards.add(0, again.sample(i, SearchHistory.EMPTY).values());
        }
        assertThat(backwards).isEqualTo(first);
        assertThat(plan(sampler(parameters(), 7))).isEqualTo(first);
    }

    @Test
    void everyValueLiesInItsDomainAndTheTrainerAcceptsIt() {
        List<Parameter> parameters = parameters();
        for (Map<String, Object> config : plan(sampler(parameters, 3))) {
            assertThat(config.keySet()).containsExactlyElementsOf(parameters.stream().map(Parameter::knob).toList());
            for (Parameter p : parameters) {
                Object value = config.get(p.knob());
                assertThat(p.contains(value)).as("%s = %s inside %s", p.knob(), value, p.describe()).isTrue();
                assertThat(KnobDomain.canonical(p.knob(), value)).as(p.knob()).isEqualTo(value);
            }
        }
    }

    @Test
    void everyListedValueAndBothEndsOfAnIntegerRangeAreReached() {
        List<Parameter> parameters = parameters();
        List<Map<String, Object>> plan = plan(sampler(parameters, 11));
        for (Parameter p : parameters) {
            Set<Object> seen = new HashSet<>();
            plan.forEach(c -> seen.add(c.get(p.knob())));
            if (p instanceof Choice c) {
                assertThat(seen).as(p.knob()).containsExactlyInAnyOrderElementsOf(c.values());
            } else if (p.enumerable()) {
                assertThat(seen).as(p.knob()).containsAll(List.of(p.points().get(0), p.points().get(p.points().size() - 1)));
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentPlans() {
        assumeThat(seeded()).as("this sampler takes no seed").isTrue();
        List<Map<String, Object>> a = plan(sampler(parameters(), 1));
        List<Map<String, Object>> b = plan(sampler(parameters(), 2));
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        assertThat(same).as("configurations equal under seeds 1 and 2").isLessThan(a.size() / 10);
    }

    @Test
    void logUniformValuesAreSpreadEvenlyOverTheDecades() {
        assumeThat(parameters()).anyMatch(p -> p instanceof Distribution d && d.kind().logScale() && !d.enumerable());
        Parameter lr = new Distribution("learning_rate", DistributionKind.LOG_UNIFORM_VALUES, 1e-4, 1.0, null);
        int[] perDecade = new int[4];
        Sampler sampler = sampler(List.of(lr), 5);
        for (int i = 0; i < 400; i++) {
            double v = (double) sampler.sample(i, SearchHistory.EMPTY).values().get("learning_rate");
            perDecade[Math.min(3, (int) Math.floor(Math.log10(v) + 4))]++;
        }
        // 100 expected in each decade; a uniform (not log-uniform) draw would put ~360 in the last one.
        assertThat(java.util.Arrays.stream(perDecade).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(70, 130));
    }
}
