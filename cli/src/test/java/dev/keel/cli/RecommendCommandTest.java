package dev.keel.cli;

import dev.keel.report.model.Recommendation;
import dev.keel.report.model.StabilityReport;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.sampler.TrialPlan;
import dev.keel.sweep.space.SpaceParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keel recommend} on a time budget, its default: a new user gives no --trials and gets five minutes
 * (RecommenderTest pins the default; here 0.3 minutes run the same path).
 */
class RecommendCommandTest {
    @TempDir
    Path tmp;

    private Terminal terminal;

    @BeforeEach
    void openTerminal() {
        terminal = new Terminal(tmp.resolve("keel.log"));
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    @Test
    void onATimeBudgetItSaysHowTheDataWasReadAndItsReportRecommendsWhatRecommendedYamlHolds() throws IOException {
        Path out = tmp.resolve("rec");

        int exit = terminal.run("recommend", "--data", "builtin:iris", "--budget", "0.3", "--out", out.toString(),
                "--workers", "2");

        assertThat(exit).as(terminal.err()).isEqualTo(ExitCodes.OK);
        assertThat(terminal.err()).contains("recommend: builtin:iris, budget 0.3 minutes, 2 workers")
                .contains("data: task: classification");
        assertThat(terminal.err().lines().filter(l -> l.startsWith("data: split:")))
                .as("how the data was read is said once, before the screen").hasSize(1);
        assertThat(terminal.out()).startsWith("recommended: ");

        Map<String, Object> written = TrialPlan.of(SpaceParser.parse(out.resolve("recommended.yaml"))).trials().get(0)
                .params();
        Recommendation report = StabilityReport.read(out.resolve("confirm")).recommendation();
        assertThat(report.found()).isTrue();
        for (String knob : TrialConfig.KNOBS) {
            assertThat(report.best().params().get(knob)).as(knob).isEqualTo(written.get(knob));
        }
    }
}
