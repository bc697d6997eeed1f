package dev.keel.sweep.run;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's criterion for fused trials, on whole trials as a sweep runs them (pruner, diagnosis, record): each trial
 * of a fused group against the same trial trained alone. Where the plain path calls the run stable: the loss at
 * every step within 1e-4 relative over the first 500 steps and every metric within 1e-3; otherwise the same verdict,
 * and a pruned trial pruned within 5 steps of the plain path's.
 */
class FusedSweepTest {
    /** The benchmark's grid (bench/optuna-grid.yaml). */
    private static final String BENCH_GRID = """
            name: fused-bench-grid
            method: grid
            seed: 0
            data:
              source: builtin:digits
              split: {train: 0.7, validation: 0.15, test: 0.15}
            metric: {name: val_accuracy, goal: maximize}
            early_terminate: {type: divergence}
            parameters:
              optimizer: {values: [sgd, adam]}
              learning_rate: {values: [0.001, 0.01, 0.1, 1.0]}
              activation: {values: [relu, tanh]}
              depth: {value: 2}
              width: {value: 64}
              batch_size: {value: 32}
              preprocess: {value: standardize}
              epochs: {value: 30}
            """;

    /** The other knobs the fused path accepts: momentum, sigmoid, L2, a schedule, another shape and preprocessing. */
    private static final String OTHER_KNOBS = """
            name: fused-other-knobs
            method: grid
            seed: 5
            data:
              source: builtin:digits
              split: {train: 0.7, validation: 0.15, test: 0.15}
            metric: {name: val_accuracy, goal: maximize}
            early_terminate: {type: divergence}
            parameters:
              optimizer: {values: [momentum, adam]}
              learning_rate: {values: [0.003, 30.0]}
              activation: {values: [sigmoid, relu]}
              l2: {values: [0, 0.001]}
              lr_schedule: {value: cosine}
              depth: {value: 3}
              width: {value: 32}
              batch_size: {value: 16}
              preprocess: {value: minmax}
              epochs: {value: 8}
            """;

    /**
     * Fails today, which is why fused trials are off by default (docs/PERFORMANCE.md, Fused trials). It holds for 11 of
     * the grid's 16 trials (the losses of sgd at 0.001-0.1, adam at 0.001 and adam 0.01 tanh never differ by 1e-4
     * relative, and the metrics are equal to the last digit; adam at 1.0 diverges both ways); float rounding differences between the fused arithmetic and DL4J's ops
     * (which op rounds differently is not established) grow at the larger rates: three trials the plain path calls stable drift apart by more
     * than 1e-4 before step 500 (sgd 1.0 tanh and adam 0.01 relu near step 190, adam 0.1 tanh at step 24, which then
     * stops early at another epoch), and two it does not call stable get another verdict (sgd 1.0 relu: oscillating
     * alone, diverging fused; adam 0.1 relu: oscillating alone, stable fused). On these trials DL4J drifts as far from
     * itself when one initial weight moves by one float ulp, at about the same steps (RoundingProbe).
     */
    @org.junit.jupiter.api.Disabled("issue 13's criterion does not hold on 5 of the benchmark grid's 16 trials yet")
    @Test
    void theBenchmarkGridFusedMatchesEachTrialAlone() {
        compare(BENCH_GRID);
    }

    @Test
    void theOtherAcceptedKnobsFusedMatchEachTrialAlone() {
        compare(OTHER_KNOBS);
    }

    private static void compare(String yaml) {
        SweepSpace space = SpaceParser.parse(yaml, "test");
        SweepSession session = SweepSession.open(space);
        TrialQueue queue = TrialQueue.of(space);
        List<PlannedTrial> trials = new ArrayList<>();
        while (queue.hasNext()) {
            trials.add(queue.next());
        }
        for (PlannedTrial t : trials) {
            assertThat(session.fusable(t)).as(t.id()).isTrue();
        }
        List<TrialResult> fused = session.runFused(trials);
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        int stable = 0;
        for (int i = 0; i < trials.size(); i++) {
            TrialResult alone = session.run(trials.get(i));
            TrialResult lane = fused.get(i);
            TrialRecord a = alone.record();
            TrialRecord f = lane.record();
            String what = trials.get(i).id() + " " + trials.get(i).params();
            System.out.printf("%s: alone %s %s %d steps, fused %s %s %d steps; val_accuracy %s / %s%n", what,
                    a.status(), a.verdict(), a.steps(), f.status(), f.verdict(), f.steps(),
                    a.metrics().get("val_accuracy"), f.metrics().get("val_accuracy"));
            int firstApart = -1;
            for (int s = 0; s < Math.min(alone.trace().size(), lane.trace().size()) && firstApart < 0; s++) {
                double la = alone.trace().loss().get(s);
                if (!(Math.abs(lane.trace().loss().get(s) - la) <= 1e-4 * Math.abs(la))) {
                    firstApart = s + 1;
                }
            }
            System.out.printf("  first step apart by more than 1e-4: %d%n", firstApart);
            softly.assertThat(lane.trace().columns().stream().map(Trace.Column::name).toList()).as(what)
                    .isEqualTo(alone.trace().columns().stream().map(Trace.Column::name).toList());
            softly.assertThat(f.verdict()).as(what).isEqualTo(a.verdict());
            softly.assertThat(f.status()).as(what).isEqualTo(a.status());
            if (a.verdict() == Verdict.STABLE) {
                stable++;
                Trace.Column la = alone.trace().loss();
                Trace.Column lf = lane.trace().loss();
                int steps = Math.min(500, alone.trace().size());
                softly.assertThat(lane.trace().size()).as(what).isGreaterThanOrEqualTo(steps);
                for (int s = 0; s < Math.min(steps, lane.trace().size()); s++) {
                    double rel = Math.abs(lf.get(s) - la.get(s)) / Math.abs(la.get(s));
                    softly.assertThat(rel).as("%s loss at step %d", what, s + 1).isLessThanOrEqualTo(1e-4);
                }
                for (Map.Entry<String, Double> m : a.metrics().entrySet()) {
                    softly.assertThat(f.metrics().get(m.getKey())).as("%s %s", what, m.getKey())
                            .isCloseTo(m.getValue(), org.assertj.core.api.Assertions.within(1e-3));
                }
            } else if (a.status() == dev.keel.sweep.store.TrialStatus.PRUNED) {
                softly.assertThat(Math.abs(f.steps() - a.steps())).as(what).isLessThanOrEqualTo(5);
            }
        }
        softly.assertAll();
        assertThat(stable).as("stable trials compared step by step").isGreaterThanOrEqualTo(4);
    }
}
