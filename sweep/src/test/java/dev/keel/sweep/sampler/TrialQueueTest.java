package dev.keel.sweep.sampler;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue a sweep asks for its next trial: plan order, repeats, resume, and what the sampler is told. */
class TrialQueueTest {
    private static SweepSpace space(String method) {
        return SpaceParser.parse(Map.of("name", "queue", "method", method, "trials", 12, "repeats", 2, "seed", 8,
                "data", Map.of("source", "builtin:iris"), "metric", Map.of("name", "val_accuracy"),
                "parameters", Map.of(
                        "optimizer", Map.of("values", List.of("adam", "sgd")),
                        "learning_rate", Map.of("distribution", "log_uniform_values", "min", 0.001, "max", 1))),
                "the test's space");
    }

    private static TrialRecord finished(PlannedTrial t, boolean stable) {
        return new TrialRecord(t.id(), t.params(), t.seed(), TrialStatus.COMPLETED,
                stable ? Verdict.STABLE : Verdict.DIVERGING, 0.9, null, List.of(),
                Map.of("val_accuracy", stable ? 0.9 : 0.1), 3, 30, 1, null, t.chosenBy());
    }

    @Test
    void aPlannedMethodHandsOutItsPlanInOrder() {
        TrialQueue queue = TrialQueue.of(space("random"));
        List<PlannedTrial> handed = new ArrayList<>();
        while (queue.hasNext()) {
            handed.add(queue.next());
        }
        assertThat(handed).isEqualTo(TrialPlan.of(space("random")).trials()).hasSize(queue.total()).hasSize(24);
        assertThat(handed).allSatisfy(t -> assertThat(t.chosenBy()).isNull());
    }

    @Test
    void bayesChoosesAConfigurationWhenItsFirstRepeatIsAskedForAndTheOtherRepeatReusesIt() {
        TrialQueue queue = TrialQueue.of(space("bayes"));
        List<PlannedTrial> handed = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            PlannedTrial t = queue.next();
            handed.add(t);
            queue.stored(finished(t, (double) t.params().get("learning_rate") < 0.05));
        }
        for (int c = 0; c < 12; c++) {
            assertThat(handed.get(2 * c + 1).params()).isEqualTo(handed.get(2 * c).params());
            assertThat(handed.get(2 * c + 1).chosenBy()).isEqualTo(handed.get(2 * c).chosenBy());
        }
        // 12 configurations start with 5 random draws (a tenth of the budget, at least 5), counted in trials:
        // three configurations of two repeats, so the model chooses from the fourth on.
        assertThat(handed.subList(0, 6)).allSatisfy(t -> assertThat(t.chosenBy()).isEqualTo(ChosenBy.STARTUP));
        assertThat(handed.subList(6, 24)).allSatisfy(t -> assertThat(t.chosenBy()).isEqualTo(ChosenBy.MODEL));
    }

    @Test
    void aResumingQueueHandsOutOnlyTheMissingTrialsAndReusesStoredConfigurationsForTheirRepeats() {
        TrialQueue first = TrialQueue.of(space("bayes"));
        List<TrialRecord> stored = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            PlannedTrial t = first.next();
            TrialRecord r = finished(t, true);
            first.stored(r);
            if (i != 3) {
                stored.add(r);   // t0001-r1 was in flight when the sweep stopped
            }
        }
        TrialQueue resumed = TrialQueue.resuming(space("bayes"), stored);
        assertThat(resumed.total()).isEqualTo(24);
        assertThat(resumed.remaining()).isEqualTo(10);
        PlannedTrial again = resumed.next();
        assertThat(again.id()).isEqualTo("t0001-r1");
        assertThat(again.params()).isEqualTo(stored.get(2).params());
        PlannedTrial repeat = resumed.next();
        assertThat(repeat.id()).isEqualTo("t0007-r1");
        assertThat(repeat.params()).isEqualTo(stored.get(13).params());
        assertThat(resumed.next().chosenBy()).isEqualTo(ChosenBy.MODEL);
    }
}
