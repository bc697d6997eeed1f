package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.labelled.LabelledCorpus.Case;
import dev.keel.diagnose.labelled.LabelledCorpus.View;
import dev.keel.diagnose.stability.Calibration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality bar of the diagnosis, measured as docs/DIAGNOSIS.md reports it: leave one source out. For each source
 * of the labelled corpus (a framework, a generator, a set of real logs), the fitted thresholds are chosen on every
 * other source and the source is scored with them; the scores are pooled over the folds. The final holdout is not
 * part of it, nor is any of the {@link LabelledCorpus#HOLDOUTS} (see {@link SourceEvaluation}, {@code final});
 * here they are only checked to be readable.
 */
class LeaveOneSourceOutTest {
    private static List<Case> cases;
    private static SourceEvaluation.Scores scores;

    @BeforeAll
    static void scoreEverySourceWithThresholdsFittedOnTheOthers() throws IOException {
        cases = LabelledCorpus.all();
        List<Case> development = cases.stream().filter(c -> !LabelledCorpus.heldOut(c.source())).toList();
        scores = SourceEvaluation.leaveOneSourceOut(development);
    }

    @Test
    void everyLogOfTheCorpusIsReadTheFinalHoldoutIncluded() {
        assertThat(LabelledCorpus.UNREAD).isEmpty();
    }

    @Test
    void theCorpusHasThreeHundredTracesFortyAVerdictSixtyRealLogsAndSeveralSources() {
        List<Case> full = cases.stream().filter(c -> c.view() == View.FULL
                && !LabelledCorpus.heldOut(c.source())).toList();
        assertThat(full).hasSizeGreaterThanOrEqualTo(300);
        for (Verdict v : Verdict.values()) {
            assertThat(full).as("traces labelled %s", v).filteredOn(c -> c.label() == v).hasSizeGreaterThanOrEqualTo(40);
        }
        assertThat(full).filteredOn(c -> c.source().startsWith("real-")).hasSizeGreaterThanOrEqualTo(60);
        Set<String> sources = new TreeSet<>();
        full.forEach(c -> sources.add(c.source()));
        assertThat(sources).contains("dl4j", "torch", "numpy", "real-keras", "real-pytorch", "generated");
    }

    @Test
    void heldOutSourcesAreRightWithAllColumnsAndEveryVerdictIsFound() {
        ConfusionMatrix m = scores.pooled.get(View.FULL);
        assertThat(m.accuracy()).as("leave-one-source-out, all columns%n%s", m.markdown()).isGreaterThanOrEqualTo(0.93);
        for (Verdict v : Verdict.values()) {
            assertThat(m.recall(v)).as("recall of %s, all columns%n%s", v, m.markdown()).isGreaterThanOrEqualTo(0.88);
        }
    }

    @Test
    void heldOutSourcesAreMostlyRightFromStepEpochAndLossAlone() {
        ConfusionMatrix m = scores.pooled.get(View.LOSS);
        assertThat(m.accuracy()).as("leave-one-source-out, step,epoch,loss%n%s", m.markdown()).isGreaterThanOrEqualTo(0.87);
    }

    /** Calibrated confidence: a verdict given with confidence 0.9 or more is right at least 90% of the time on
     *  sources its thresholds were not fitted on. */
    @Test
    void verdictsGivenWithConfidenceAtLeastNinetyPercentAreRightNineTimesInTen() {
        long confident = scores.confidence.stream().filter(c -> c[0] >= 0.9).count();
        long right = scores.confidence.stream().filter(c -> c[0] >= 0.9 && c[1] == 1).count();
        assertThat(confident).isGreaterThan(100);
        assertThat((double) right / confident).isGreaterThanOrEqualTo(0.9);
    }

    /** The thresholds keel ships are the ones the search chooses on every development source together. */
    @Test
    void theShippedThresholdsAreTheFitOnEveryDevelopmentSource() {
        List<Case> development = cases.stream().filter(c -> !LabelledCorpus.heldOut(c.source())).toList();
        assertThat(LabelledCorpus.fit(development)).isEqualTo(Calibration.DEFAULT);
    }
}
