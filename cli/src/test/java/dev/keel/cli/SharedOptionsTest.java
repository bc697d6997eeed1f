package dev.keel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The options several commands share are declared once: each command shows the same option, word for word. */
class SharedOptionsTest {
    private static OptionSpec option(String command, String name) {
        CommandLine cl = KeelCommand.commandLine().getSubcommands().get(command);
        if (command.equals("spaces")) {
            cl = cl.getSubcommands().get("validate");
        }
        OptionSpec o = cl.getCommandSpec().findOption(name);
        assertThat(o).as("%s %s", command, name).isNotNull();
        return o;
    }

    @Test
    void runOptionsAreTheSameInSweepAndRecommend() {
        for (String name : List.of("--out", "--workers", "--quiet")) {
            OptionSpec sweep = option("sweep", name);
            OptionSpec recommend = option("recommend", name);
            assertThat(recommend.description()).as(name).isEqualTo(sweep.description());
            assertThat(recommend.paramLabel()).as(name).isEqualTo(sweep.paramLabel());
        }
    }

    @Test
    void seedIsTheSameWhereverAPlanIsMade() {
        OptionSpec sweep = option("sweep", "--seed");
        for (String command : List.of("recommend", "spaces")) {
            assertThat(option(command, "--seed").description()).as(command).isEqualTo(sweep.description());
        }
    }

    @Test
    void workersBelowOneIsBadInputInEveryCommandThatRunsTrials() {
        RunOptions options = new RunOptions();
        options.workers = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(options::threads)
                .isInstanceOf(dev.keel.diagnose.BadInputException.class)
                .hasMessage("--workers must be >= 1, was 0");
    }
}
