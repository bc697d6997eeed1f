package dev.keel.report.model;

import dev.keel.diagnose.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a log's name and metadata say about its run's settings. */
class LogSettingsTest {
    private static final Trace BARE = Trace.builder(List.of(Trace.LOSS)).addRow(1).set(Trace.LOSS, 1).build();

    @Test
    void readsKnobsFromTheWaysPeopleNameRuns() {
        assertThat(params("adam-lr1e-3-bs32")).containsExactlyInAnyOrderEntriesOf(
                Map.of("optimizer", "adam", "learning_rate", 0.001, "batch_size", 32));
        assertThat(params("lr=0.01_batch_size=64_wd=0.1")).containsExactlyInAnyOrderEntriesOf(
                Map.of("learning_rate", 0.01, "batch_size", 64, "weight_decay", 0.1));
        assertThat(params("run3/tanh_dropout0.2_LR.5")).containsExactlyInAnyOrderEntriesOf(
                Map.of("activation", "tanh", "dropout", 0.2, "learning_rate", 0.5));
        // "momentum0.9" is momentum's value; two optimiser words say none for sure.
        assertThat(params("sgd-momentum0.9-relu2x64")).containsExactlyInAnyOrderEntriesOf(
                Map.of("optimizer", "sgd", "momentum", 0.9, "activation", "relu"));
        assertThat(params("momentum-blowup-sgd-lr0.3")).doesNotContainKey("optimizer");
        assertThat(params("jobs32-celu")).as("keys and words stand apart").isEmpty();
        assertThat(LogSettings.of("lr0.1-seed7", BARE).seed()).isEqualTo(7);
    }

    @Test
    void theTracesMetadataSaysMoreThanItsNameAndTheLoggedRateLeast() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.LR));
        b.metadata("learning_rate", "0.02").metadata("batch_size", "128").metadata("seed", "9");
        b.addRow(1).set(Trace.LOSS, 1).set(Trace.LR, 0.5);
        LogSettings.Settings s = LogSettings.of("lr0.1-bs8-seed2", b.build());
        assertThat(s.params()).containsEntry("learning_rate", 0.02).containsEntry("batch_size", 128);
        assertThat(s.seed()).isEqualTo(9);

        Trace.Builder logged = Trace.builder(List.of(Trace.LOSS, Trace.LR));
        logged.addRow(1).set(Trace.LOSS, 1).set(Trace.LR, 0.004);
        logged.addRow(2).set(Trace.LOSS, 1).set(Trace.LR, 0.01);
        logged.addRow(3).set(Trace.LOSS, 1).set(Trace.LR, 0.002);
        assertThat(LogSettings.of("warmup", logged.build()).params()).containsEntry("learning_rate", 0.01);
    }

    private static Map<String, Object> params(String name) {
        return LogSettings.of(name, BARE).params();
    }
}
