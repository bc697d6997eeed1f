package dev.keel.report.model;

import dev.keel.report.FixtureSweep;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's records, built from the 40-trial fixture store, checked without drawing anything. */
class StabilityReportTest {
    @TempDir
    static Path dir;
    static ResultStore store;
    static StabilityReport report;

    @BeforeAll
    static void build() throws Exception {
        store = ResultStore.open(FixtureSweep.write40(dir.resolve("run")));
        report = StabilityReport.of(store);
    }

    @Test
    void theSummaryCountsEveryOutcomeAndFailedMeansTheTrialThrew() {
        VerdictSummary s = report.summary();
        assertThat(s.total()).isEqualTo(40);
        assertThat(s.counts()).extracting(VerdictSummary.Count::count).allMatch(n -> n > 0);
        assertThat(s.count(Outcome.FAILED).count()).isEqualTo(2);
        assertThat(s.counts().stream().mapToDouble(VerdictSummary.Count::share).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.pruned()).isPositive();
    }

    @Test
    void theHeaderReadsTheManifest() {
        Header h = report.header();
        assertThat(h.name()).isEqualTo(FixtureSweep.SPACE_NAME);
        assertThat(h.objective()).isEqualTo(new Metric("val_accuracy", Metric.Goal.MAXIMIZE));
        assertThat(h.data().rows()).isEqualTo(1797);
        assertThat(h.varied()).containsExactly("activation", "optimizer", "learning_rate", "batch_size",
                "gradient_clipping");
        assertThat(h.fixed()).containsEntry("weight_init", "he").containsKey("early_stopping");
    }

    @Test
    void theFirstMapIsLearningRateAgainstOptimiserWithOnePointPerTrial() {
        StabilityMap first = report.maps().maps().get(0);
        assertThat(first.x().knob()).isEqualTo("learning_rate");
        assertThat(first.x().logScale()).isTrue();
        assertThat(first.y().knob()).isEqualTo("optimizer");
        assertThat(first.y().categories()).containsExactly("adam", "momentum", "rmsprop", "sgd");
        assertThat(first.points()).hasSize(40);
        for (StabilityMap.Point p : first.points()) {
            int row = first.y().categories().indexOf(p.yValue());
            assertThat(p.y()).isBetween(row - 0.3, row + 0.3);
            assertThat(p.x()).isEqualTo(Double.parseDouble(p.xValue()), org.assertj.core.data.Offset.offset(
                    Double.parseDouble(p.xValue()) * 1e-3));
            TrialRecord t = trial(p.trialId());
            assertThat(p.outcome()).isEqualTo(Outcome.of(t));
        }
        assertThat(first.limits()).isNotEmpty();
        int pairs = 5 * 4 / 2;
        assertThat(report.maps().maps().size() + report.maps().omitted().size()).isEqualTo(pairs);
        assertThat(report.maps().maps()).hasSizeLessThanOrEqualTo(StabilityMaps.MAX_MAPS);
    }

    @Test
    void theLargestStableLearningRatePerOptimiserLiesBelowTheBoundaryTheFixtureWasMadeWith() {
        StableLimits limits = report.maps().limits();
        assertThat(limits.byKnob()).isEqualTo("optimizer");
        assertThat(limits.limits()).isNotEmpty();
        for (StableLimits.Limit l : limits.limits()) {
            double truth = FixtureSweep.LIMITS.get(l.category());
            if (l.largestStable() != null) {
                assertThat(l.largestStable()).isLessThanOrEqualTo(truth);
                assertThat(l.sentence()).startsWith(l.category() + ": stable up to learning rate");
            }
            if (l.nextUnstable() != null) {
                assertThat(l.nextUnstable()).isGreaterThan(truth);
            }
        }
    }

    @Test
    void theTableHasOneRowPerTrialWithUniqueAnchorsStableAndBestFirst() {
        assertThat(report.rows()).hasSize(40);
        Set<String> anchors = new HashSet<>();
        report.rows().forEach(r -> assertThat(anchors.add(r.anchor())).isTrue());
        assertThat(report.details()).extracting(d -> d.row().anchor()).containsExactlyElementsOf(
                report.rows().stream().map(TrialRow::anchor).toList());
        TrialRow top = report.rows().get(0);
        assertThat(top.outcome()).isEqualTo(Outcome.STABLE);
        double best = report.rows().stream().filter(r -> r.outcome() == Outcome.STABLE)
                .mapToDouble(TrialRow::metric).max().orElseThrow();
        assertThat(top.metric()).isEqualTo(best);
        assertThat(report.rows().get(39).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(top.values()).hasSize(report.columns().size());
    }

    @Test
    void failedTrialsKeepTheirErrorAndATrialWithoutTraceHasNoCurves() {
        TrialDetail hostile = detail("t0002");
        assertThat(hostile.error()).isEqualTo(FixtureSweep.HOSTILE_ERROR);
        assertThat(hostile.row().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(detail("t0005").curves()).isNull();
        TrialDetail stable = detail("t0000");
        assertThat(stable.curves().loss().size()).isBetween(2, StabilityReport.DETAIL_POINTS);
        assertThat(stable.findings()).extracting(FindingText::title).containsExactly("Plateau");
    }

    @Test
    void findingsReadAsWordsWithTheirEvidence() {
        TrialDetail vanishing = report.details().stream().filter(d -> d.row().outcome() == Outcome.VANISHING)
                .findFirst().orElseThrow();
        FindingText f = vanishing.findings().get(0);
        assertThat(f.title()).isEqualTo("Vanishing gradient");
        assertThat(f.evidence()).matches("layer dense_0, step \\d+: observed 1.2e-07 \\(threshold 1e-05\\)");
    }

    @Test
    void lossCurvesShowTheBestStableRunsAndOneExampleOfEachFailure() {
        List<Example> top = report.curves().topStable();
        assertThat(top).isNotEmpty().hasSizeLessThanOrEqualTo(StabilityReport.TOP_STABLE_CURVES);
        assertThat(top).allMatch(e -> e.outcome() == Outcome.STABLE);
        assertThat(top.get(0).trialId()).isEqualTo(report.rows().get(0).id());
        assertThat(report.curves().failures()).extracting(Example::outcome)
                .containsExactly(Outcome.OSCILLATING, Outcome.DIVERGING, Outcome.VANISHING);
        for (Example e : report.curves().failures()) {
            assertThat(e.detectedStep()).isNotNull();
            assertThat(e.curves().loss().size()).isLessThanOrEqualTo(StabilityReport.CHART_POINTS);
            assertThat(e.caption()).contains("detected at step " + e.detectedStep());
        }
        Example diverging = report.curves().failures().get(1);
        assertThat(diverging.curves().nonFiniteStep()).isNotNull();
        assertThat(diverging.caption()).contains("not finite from step");
    }

    @Test
    void theGradientViewPutsAVanishingRunBesideAStableOne() {
        List<GradientView.Panel> panels = report.gradients().panels();
        assertThat(panels).extracting(p -> p.example().outcome()).containsExactly(Outcome.VANISHING, Outcome.STABLE);
        GradientView.Panel vanishing = panels.get(0);
        assertThat(vanishing.layers()).extracting(Curve::label)
                .containsExactly("dense_0", FixtureSweep.HOSTILE_LAYER, "output");
        double first = vanishing.layers().get(0).y()[0];
        double last = vanishing.layers().get(2).y()[0];
        assertThat(last / first).isGreaterThan(1e4);
    }

    @Test
    void theRecommendationIsTheBestStableTrial() {
        Recommendation r = report.recommendation();
        assertThat(r.found()).isTrue();
        assertThat(r.best().trialIds()).containsExactly(report.rows().get(0).id());
        assertThat(r.reason()).startsWith("Stable, with the best val_accuracy");
    }

    @Test
    void theSigmoidRowOfTheActivationEffectShowsVanishing() {
        KnobEffect activation = report.effects().stream().filter(e -> e.knob().name().equals("activation"))
                .findFirst().orElseThrow();
        KnobEffect.Row sigmoid = activation.rows().stream().filter(r -> r.value().equals("sigmoid"))
                .findFirst().orElseThrow();
        assertThat(sigmoid.share(Outcome.VANISHING)).isPositive();
        assertThat(activation.rows().stream().filter(r -> !r.value().equals("sigmoid"))
                .mapToInt(r -> r.count(Outcome.VANISHING)).sum()).isZero();
    }

    @Test
    void anIncompleteSweepSaysSoInTheNotes() throws Exception {
        // The fixture planned exactly its 40 trials, so the complete store has no note about it.
        assertThat(report.notes()).noneMatch(n -> n.contains("incomplete"));
    }

    private static TrialRecord trial(String id) {
        return store.trials().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static TrialDetail detail(String id) {
        return report.details().stream().filter(d -> d.row().id().equals(id)).findFirst().orElseThrow();
    }
}
