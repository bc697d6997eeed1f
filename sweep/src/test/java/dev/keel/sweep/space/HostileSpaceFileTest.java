package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.sampler.PlannedTrial;
import dev.keel.sweep.sampler.TrialPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Space files as a hostile probe wrote them (issue 17, items 5, 6 and 9): YAML's corners read as YAML means them,
 * sizes refused with the limit named, everything checked in linear time, and special files never read.
 */
class HostileSpaceFileTest {
    private static final String DATA = "data: {source: builtin:iris}\n";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("space.yaml"), yaml);
    }

    private SweepSpace parse(String yaml) throws IOException {
        return SpaceParser.parse(write(yaml));
    }

    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> SpaceParser.parse(file));
        assertThat(thrown).isInstanceOf(BadInputException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n").startsWith(file.toString());
        return thrown.getMessage().substring(file.toString().length());
    }

    @Test
    void anAliasIsTheValueOfItsAnchorNotTheAnchorsName() throws IOException {
        SweepSpace space = parse(DATA + """
                description: &sgd adam
                parameters:
                  optimizer: {value: *sgd}
                """);

        assertThat(space.parameter("optimizer")).isEqualTo(new FixedValue("optimizer", "adam"));
    }

    @Test
    void anAnchoredMappingCanBeReusedAndMerged() throws IOException {
        SweepSpace space = parse(DATA + """
                parameters:
                  l1: &r {value: 0.01}
                  l2: *r
                  learning_rate: &lr {distribution: log_uniform_values, min: 0.001, max: 0.1}
                  weight_decay: {<<: *lr, max: 0.01}
                """);

        assertThat(space.parameter("l1")).isEqualTo(new FixedValue("l1", 0.01));
        assertThat(space.parameter("l2")).isEqualTo(new FixedValue("l2", 0.01));
        assertThat(space.parameter("weight_decay")).isEqualTo(new Distribution("weight_decay",
                DistributionKind.LOG_UNIFORM_VALUES, 0.001, 0.01, null));
    }

    @Test
    void aSecondDocumentIsRefusedNotIgnored() throws IOException {
        assertThat(error(DATA + "---\nname: other\n")).isEqualTo(":3: a second YAML document (after '---'); a space"
                + " file holds one document, so keel would ignore this one: remove it or the '---'");
    }

    @Test
    void nanAndInfinityAreNumbersThatTheKnobRefusesByName() throws IOException {
        assertThat(error(DATA + "parameters:\n  learning_rate: {value: .nan}\n"))
                .isEqualTo(":3: key 'parameters.learning_rate.value': must be a number > 0, was NaN");
        assertThat(error(DATA + "parameters:\n  l2: {distribution: uniform, min: 0, max: .inf}\n"))
                .isEqualTo(":3: key 'parameters.l2.max': expected a number, got 'Infinity'");
    }

    @Test
    void aSeedIsAnyWholeNumberALongHolds() throws IOException {
        assertThat(parse(DATA + "seed: 10000000000000000\n").seed()).isEqualTo(10_000_000_000_000_000L);
        assertThat(parse(DATA + "seed: -9223372036854775808\n").seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(error(DATA + "seed: 9223372036854775808\n")).isEqualTo(":2: key 'seed': expected a whole number"
                + " from -9223372036854775808 to 9223372036854775807, got '9223372036854775808'");
    }

    @Test
    void intUniformOverAHugeRangeOfAFloatKnobSamplesWithoutOverflow() throws IOException {
        SweepSpace space = parse(DATA + """
                trials: 50
                parameters:
                  learning_rate: {distribution: int_uniform, min: 1, max: 1e30}
                  gradient_clipping: {distribution: int_uniform, min: 1, max: 1e300}
                """);

        for (PlannedTrial t : TrialPlan.of(space).trials()) {
            double lr = (Double) t.params().get("learning_rate");
            assertThat(lr).isBetween(1.0, 1e30);
            assertThat(lr).isEqualTo(Math.rint(lr));
        }
    }

    @Test
    void intUniformBeyondWhatAnIntegerKnobTakesIsRefusedByName() throws IOException {
        assertThat(error(DATA + "parameters:\n  batch_size: {distribution: int_uniform, min: 1, max: 1e30}\n"))
                .startsWith(":3: key 'parameters.batch_size.max': ");
    }

    @Test
    void aLongListOfValuesIsCheckedInLinearTime() throws IOException {
        secondsToParseValues(8_000); // warms the JIT
        double small = secondsToParseValues(8_000);
        double large = secondsToParseValues(64_000);

        // Eight times the values: about eight times the time in linear time, 64 times when each value was compared
        // with every earlier one (40,000 values took 8.5 s). Wall-clock times on a shared machine are noisy: the
        // bound sits halfway, on a log scale.
        assertThat(large / small).as("%.2f s for 8,000 values, %.2f s for 64,000", small, large).isLessThan(23);
    }

    private double secondsToParseValues(int n) throws IOException {
        String values = IntStream.rangeClosed(1, n).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        String yaml = DATA + "parameters:\n  learning_rate: {values: [" + values + "]}\n";
        long start = System.nanoTime();
        SweepSpace space = parse(yaml);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(space.parameter("learning_rate").count()).isEqualTo(n);
        return seconds;
    }

    @Test
    void aRepeatedValueInALongListIsStillFound() throws IOException {
        assertThat(error(DATA + "parameters:\n  optimizer: {values: [sgd, adam, momentum, adam]}\n"))
                .isEqualTo(":3: key 'parameters.optimizer.values[3]': 'adam' repeats values[1]");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedSayingTheLimit() throws IOException {
        String big = DATA + "description: \"" + "x".repeat(2 << 20) + "\"\n";
        long start = System.nanoTime();

        assertThat(error(big)).isEqualTo(": is 2.0 MB, more than keel reads as a space file (YAML) (at most 1 MB)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void aLongTextIsRefusedSayingTheLimit() throws IOException {
        assertThat(error(DATA + "description: " + "x".repeat(20_000) + "\n")).isEqualTo(":2: key 'description':"
                + " text of 20000 characters; keel reads at most 10000 characters a value");
        assertThat(error("name: " + "n".repeat(300) + "\n" + DATA))
                .isEqualTo(":1: key 'name': a name of 300 characters; at most 256");
    }

    @Test
    void aliasesThatExpandExponentiallyAreStopped() throws IOException {
        StringBuilder yaml = new StringBuilder(DATA + "description: x\nx0: &a0 [1, 1]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        long start = System.nanoTime();

        assertThat(error(yaml.toString())).contains("more than 100000 values (counting each use of a YAML alias)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void aDepthNoNetworkCanBeBuiltInTimeIsRefused() throws IOException {
        assertThat(error(DATA + "parameters:\n  depth: {value: 100000}\n")).isEqualTo(":3: key"
                + " 'parameters.depth.value': must be an integer <= 1000 (keel's limit), was 100000");
    }

    @Test
    void aDeviceIsNotReadAsASpace() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertThatThrownBy(() -> SpaceParser.parse(Path.of("/dev/zero")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("/dev/zero: is a character device, not a regular file; expected a space file (YAML)");
    }

    @Test
    void aFifoIsNotOpenedAsASpace() throws Exception {
        Path fifo = Fifos.make(dir.resolve("space.fifo"));
        // Opening a FIFO blocks until someone writes to it: keel once waited forever.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> SpaceParser.parse(fifo))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a FIFO (named pipe), not a regular file"));
    }

    @Test
    void aNewlineInDataSourceStaysOnOneLine() throws IOException {
        assertThat(error("data: {source: \"gone\\n.csv\"}\n")).startsWith(":1: key 'data.source': no CSV file"
                + " 'gone\\n.csv'");
    }

    @Test
    void aFolderOrFifoAsDataSourceIsNamedForWhatItIs() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        Fifos.make(dir.resolve("pipe.csv"));

        assertThat(error("data: {source: data}\n")).startsWith(":1: key 'data.source': 'data' is a folder (");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThat(error("data: {source: pipe.csv}\n"))
                .startsWith(":1: key 'data.source': 'pipe.csv' is a FIFO (named pipe) ("));
    }
}
