package dev.keel.sweep.sampler;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A sweep without training: each configuration's outcome comes from a function, so that samplers can be compared
 * over hundreds of sweeps in a second. The function stands for what training would say about a configuration.
 */
final class SyntheticSweep {
    /** What training said about one configuration. */
    record Result(Verdict verdict, double accuracy) {
    }

    private SyntheticSweep() {
    }

    /** Runs {@code trials} configurations one after another, each asked with every earlier one finished. */
    static List<TrialRecord> run(Sampler sampler, int trials, Function<Map<String, Object>, Result> training) {
        List<TrialRecord> finished = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Suggestion s = sampler.sample(i, new SearchHistory(finished, List.of()));
            finished.add(record(String.format("t%04d-r0", i), s.values(), training.apply(s.values()), s.chosenBy()));
        }
        return finished;
    }

    static TrialRecord record(String id, Map<String, Object> params, Result r, ChosenBy chosenBy) {
        return new TrialRecord(id, params, 0, TrialStatus.COMPLETED, r.verdict(), 0.9, null, List.of(),
                Map.of("val_accuracy", r.accuracy()), 10, 100, 1, null, chosenBy);
    }

    static long unstable(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.verdict() != Verdict.STABLE).count();
    }

    static double bestStable(List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.verdict() == Verdict.STABLE).mapToDouble(t -> t.metric("val_accuracy"))
                .max().orElse(Double.NaN);
    }

    static double median(List<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static List<Parameter> varied(Parameter... parameters) {
        return List.of(parameters);
    }
}
