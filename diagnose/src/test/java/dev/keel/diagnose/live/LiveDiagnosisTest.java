package dev.keel.diagnose.live;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code keel diagnose --follow} reports while a log is written, replayed on labelled logs row by row. */
class LiveDiagnosisTest {
    private static final Path LABELLED = Path.of("src/test/resources/labelled");

    /** Logs that blow up in different ways: NaN, a sustained blow-up, explode-then-flat, dead ReLUs, a ramped rate. */
    private static final List<String> BLOWING_UP = List.of(
            "dl4j/diverging/nan-digits-sgd-lr10.csv",
            "dl4j/diverging/explode-flat-spirals-adam-lr1.csv",
            "dl4j/diverging/dead-digits-momentum-lr0.2-seed1.csv",
            "torch/diverging/momentum-blowup-digits-sgd-mom0.99-lr0.3-bs64-relu2x64-s730.csv",
            "torch/diverging/momentum-blowup-digits-sgd-mom0.99-lr0.1-bs64-relu2x64-s735.csv",
            "torch/diverging/lr-growth-moons-adam-lr0.001-bs32-relu2x64-step-s753.csv",
            "numpy/diverging/nan-sgd-diabetes-sgd1-b32-s1.csv",
            "diverging/quadratic-gd-lr2.05overL.csv");

    /** Stable runs whose young logs the classifier calls vanishing, oscillating or even diverging on the way. */
    private static final List<String> NOISY_STABLE = List.of(
            "dl4j/stable/small-batch-iris-sgd-bs8.csv",
            "dl4j/stable/small-batch-noise-breast_cancer-sgd-bs2-lr0.01-seed1.csv",
            "torch/stable/tiny-batch-breast_cancer-adam-lr0.001-bs2-relu2x64-s58.csv");

    @Test
    void aLogThatBlowsUpIsReportedDivergingWithinTenStepsOfTheFinishedLogsDetection() throws IOException {
        for (String name : BLOWING_UP) {
            Trace trace = read(name);
            Diagnosis finished = StabilityClassifier.classify(trace);
            assertThat(finished.verdict()).as(name).isEqualTo(Verdict.DIVERGING);
            VerdictChange first = LiveDiagnosisReplay.replay(trace).stream()
                    .filter(c -> c.verdict() == Verdict.DIVERGING).findFirst().orElseThrow();
            assertThat(first.step()).as(name).isLessThanOrEqualTo(finished.firstDetectedStep() + 10);
        }
    }

    @Test
    void everyReportedVerdictIsTheClassifiersOnTheRowsSeenSoFar() throws IOException {
        List<String> names = new ArrayList<>(BLOWING_UP);
        names.addAll(NOISY_STABLE);
        for (String name : names) {
            Trace trace = read(name);
            for (VerdictChange c : LiveDiagnosisReplay.replay(trace)) {
                Diagnosis then = StabilityClassifier.classify(LiveDiagnosis.head(trace, c.rows()));
                assertThat(c.diagnosis()).as("%s at row %d", name, c.rows()).isEqualTo(then);
            }
        }
    }

    @Test
    void aNoisyStableRunIsReportedOnceItsVerdictHoldsNotAtEverySwing() throws IOException {
        for (String name : NOISY_STABLE) {
            List<VerdictChange> changes = LiveDiagnosisReplay.replay(read(name));
            assertThat(changes).as(name).hasSizeBetween(1, 3);
            assertThat(changes.get(changes.size() - 1).verdict()).as(name).isEqualTo(Verdict.STABLE);
            assertThat(changes).as(name).noneMatch(c -> c.verdict() == Verdict.DIVERGING);
        }
    }

    @Test
    void theRowsAloneDecideWhatIsReportedNotHowTheReadsFell() throws IOException {
        Trace trace = read("dl4j/diverging/dead-digits-momentum-lr0.2-seed1.csv");
        List<VerdictChange> rowByRow = LiveDiagnosisReplay.replay(trace);

        Random rng = new Random(5);
        LiveDiagnosis chunks = new LiveDiagnosis(ChanceLevel.UNKNOWN);
        List<VerdictChange> inChunks = new ArrayList<>();
        for (int rows = 0; rows < trace.size(); ) {
            rows = Math.min(trace.size(), rows + 1 + rng.nextInt(40));
            inChunks.addAll(chunks.observe(LiveDiagnosis.head(trace, rows)));
        }
        inChunks.addAll(chunks.end(trace));

        List<VerdictChange> atOnce = new LiveDiagnosis(ChanceLevel.UNKNOWN).end(trace);
        assertThat(inChunks).isEqualTo(rowByRow);
        assertThat(atOnce).isEqualTo(rowByRow);
    }

    @Test
    void aCertainDivergenceIsReportedOnItsRowAndAStableVerdictFromWhereItHeld() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int step = 1; step <= 80; step++) {
            b.addRow(step).set(Trace.LOSS, 2.3 * Math.exp(-step / 20.0) + 0.1);
        }
        LiveDiagnosis live = new LiveDiagnosis(ChanceLevel.UNKNOWN);
        List<VerdictChange> stable = live.observe(b.build());
        assertThat(stable).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.STABLE);
            assertThat(c.step()).isLessThanOrEqualTo(c.rows() - LiveDiagnosis.MIN_HOLD_ROWS);
            assertThat(c.evidence()).isNotBlank();
        });
        b.addRow(81).set(Trace.LOSS, Double.NaN);
        assertThat(live.observe(b.build())).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.DIVERGING);
            assertThat(c.step()).isEqualTo(81);
            assertThat(c.rows()).isEqualTo(81);
        });
    }

    @Test
    void aShortLogsVerdictWaitsForTheEnd() {
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int step = 1; step <= 12; step++) {
            b.addRow(step).set(Trace.LOSS, 1.0 / step);
        }
        LiveDiagnosis live = new LiveDiagnosis(ChanceLevel.UNKNOWN);
        assertThat(live.observe(b.build())).isEmpty();
        assertThat(live.end(b.build())).singleElement()
                .satisfies(c -> assertThat(c.diagnosis()).isEqualTo(StabilityClassifier.classify(b.build())));
        assertThat(live.end(b.build())).as("nothing new").isEmpty();
    }

    private static Trace read(String name) throws IOException {
        return TraceReader.read(LABELLED.resolve(name));
    }
}
