package dev.keel.cli;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepProgressBarTest {
    private final StringWriter text = new StringWriter();

    private static TrialRecord trial(String id, TrialStatus status, Verdict verdict, String error) {
        return new TrialRecord(id, Map.of("optimizer", "sgd", "learning_rate", 0.5), 1, status, verdict,
                verdict == null ? null : 0.9, status == TrialStatus.PRUNED ? 7L : null, List.of(), Map.of(), 1, 7,
                0.4, error);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceAndEndedOnce() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true, List.of("optimizer"));

        bar.started(3, 0);
        bar.trialFinished(trial("t0000-r0", TrialStatus.COMPLETED, Verdict.STABLE, null));
        bar.trialFinished(trial("t0001-r0", TrialStatus.PRUNED, Verdict.DIVERGING, null));
        bar.trialFinished(trial("t0002-r0", TrialStatus.FAILED, null, "IllegalStateException: boom"));
        bar.finished();
        bar.finished();

        String s = text.toString();
        assertThat(s).startsWith("\r[........................] 0/3").endsWith("\u001b[K\n");
        // The failed trial gets a line of its own above the bar; the bar's line ends once.
        assertThat(s.chars().filter(c -> c == '\n')).hasSize(2);
        assertThat(s).contains("\rkeel: trial t0002-r0 failed: IllegalStateException: boom (details in "
                + LogFiles.current() + ")\u001b[K\n");
        assertThat(s.substring(s.lastIndexOf('\r')))
                .startsWith("\r[########################] 3/3  stable 1  diverging 1  failed 1  elapsed 0:00");
        assertThat(s).contains("2/3  stable 1  diverging 1  elapsed 0:00  eta 0:00");
    }

    @Test
    void elsewhereEachTrialIsAPlainLineWithItsOutcomeAndKnobs() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, List.of("optimizer", "learning_rate"));

        bar.started(4, 1);
        bar.trialFinished(trial("t0001-r0", TrialStatus.PRUNED, Verdict.DIVERGING, null));
        bar.trialFinished(trial("t0002-r0", TrialStatus.FAILED, null, "X".repeat(500)));
        bar.finished();

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(3).noneMatch(l -> l.contains("\r"));
        assertThat(lines.get(0)).isEqualTo("resuming: 1 of 4 trials already stored");
        assertThat(lines.get(1)).matches("\\[2/4 0:00 eta 0:00\\] t0001-r0 diverging \\(pruned at step 7\\)  0\\.4s"
                + "  optimizer=sgd learning_rate=0\\.5");
        String details = "  (details in " + LogFiles.current() + ")";
        assertThat(lines.get(2)).startsWith("[3/4 0:00").contains("] t0002-r0 failed: XXX").endsWith(details);
        assertThat(lines.get(2).length() - details.length()).isLessThan(200);
    }

    @Test
    void anInterruptedSweepEndsTheLineAndSaysHowToGoOn() {
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true, List.of());
        bar.started(10, 0);
        bar.trialFinished(trial("t0000-r0", TrialStatus.COMPLETED, Verdict.STABLE, null));

        bar.interrupted("results/quickstart-1");
        bar.finished();

        String s = text.toString();
        assertThat(s).endsWith("\u001b[K\nkeel: interrupted; 1 of 10 trials are stored in results/quickstart-1; "
                + "continue with: keel sweep --resume results/quickstart-1\n");
    }
}
