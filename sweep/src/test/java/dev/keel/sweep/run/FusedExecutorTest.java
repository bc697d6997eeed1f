package dev.keel.sweep.run;

import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole sweep with fused trials (the default) against the same sweep with {@code -Dkeel.fuse=false}: every planned trial is stored once, with its trace and metrics, and the
 * trials of the fused groups (two groups of 4 on 2 workers) end as the same sweep's trials trained alone do: same
 * verdict, same steps, metrics within 1e-3. The rates are small enough for the fused arithmetic to stay within
 * rounding of DL4J's (FusedSweepTest holds trials to issue 13's criterion step by step).
 */
class FusedExecutorTest {
    private static final String GRID = """
            method: grid
            seed: 3
            data: {source: builtin:digits}
            metric: {name: val_accuracy, goal: maximize}
            early_terminate: {type: divergence}
            parameters:
              optimizer: {values: [adam, sgd]}
              learning_rate: {values: [0.001, 0.01]}
              activation: {values: [relu, tanh]}
              depth: {value: 1}
              width: {value: 16}
              epochs: {value: 3}
            """;

    @TempDir
    Path dir;

    @Test
    void aFusedSweepStoresTheSameTrialsAsAPlainOne() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "grid", GRID);
        List<TrialRecord> plain = run(space, "plain", false);
        List<TrialRecord> fused = run(space, "fused", true);
        assertThat(fused).hasSize(8);
        assertThat(fused).extracting(TrialRecord::id).containsExactlyInAnyOrderElementsOf(
                plain.stream().map(TrialRecord::id).toList());
        for (TrialRecord f : fused) {
            TrialRecord p = plain.stream().filter(r -> r.id().equals(f.id())).findFirst().orElseThrow();
            assertThat(f.status()).as(f.id()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(f.verdict()).as(f.id()).isEqualTo(p.verdict());
            assertThat(f.steps()).as(f.id()).isEqualTo(p.steps());
            assertThat(Files.isRegularFile(dir.resolve("fused").resolve("traces").resolve(f.id() + ".csv"))).isTrue();
            for (String m : p.metrics().keySet()) {
                assertThat(f.metrics().get(m)).as(f.id() + " " + m)
                        .isCloseTo(p.metrics().get(m), org.assertj.core.api.Assertions.within(1e-3));
            }
        }
    }

    @Test
    void trialsAreFusedUnlessTurnedOffOrThePlanLearnsFromResults() throws Exception {
        SweepSpace space = TestSweeps.space(dir, "grid", GRID);
        String before = System.getProperty(LocalExecutor.FUSE_PROPERTY);
        try {
            System.clearProperty(LocalExecutor.FUSE_PROPERTY);
            assertThat(LocalExecutor.fusing(space)).as("by default").isTrue();
            System.setProperty(LocalExecutor.FUSE_PROPERTY, "false");
            assertThat(LocalExecutor.fusing(space)).as("-Dkeel.fuse=false").isFalse();
            System.clearProperty(LocalExecutor.FUSE_PROPERTY);
            SweepSpace bayes = TestSweeps.space(dir, "bayes", GRID.replace("method: grid", "method: bayes\ntrials: 8"));
            assertThat(LocalExecutor.fusing(bayes)).as("bayes").isFalse();
        } finally {
            if (before != null) {
                System.setProperty(LocalExecutor.FUSE_PROPERTY, before);
            }
        }
    }

    @Test
    void onlyNetworksSmallEnoughForFusingToPayAreFused() throws Exception {
        SweepSpace small = TestSweeps.space(dir, "small", GRID);
        SweepSpace quickstartSized = TestSweeps.space(dir, "big", GRID.replace("depth: {value: 1}", "depth: {value: 8}")
                .replace("width: {value: 16}", "width: {value: 256}"));
        assertThat(SweepSession.open(small).fusable(dev.keel.sweep.sampler.TrialQueue.of(small).next())).isTrue();
        assertThat(SweepSession.open(quickstartSized).fusable(dev.keel.sweep.sampler.TrialQueue.of(quickstartSized)
                .next())).as("8 x 256: per-op overhead no longer dominates, so it trains alone").isFalse();
    }

    private List<TrialRecord> run(SweepSpace space, String name, boolean fuse) throws Exception {
        String before = System.getProperty(LocalExecutor.FUSE_PROPERTY);
        System.setProperty(LocalExecutor.FUSE_PROPERTY, String.valueOf(fuse));
        try {
            ResultStore store = SweepRunner.start(space, dir.resolve(name), new LocalExecutor(2), new SweepProgress() {
            });
            return store.trials();
        } finally {
            if (before == null) {
                System.clearProperty(LocalExecutor.FUSE_PROPERTY);
            } else {
                System.setProperty(LocalExecutor.FUSE_PROPERTY, before);
            }
        }
    }
}
