package dev.keel.diagnose.labelled;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed traces are what the generator makes: the set can be regenerated, not just trusted. */
class LabelledSetIsReproducibleTest {
    @Test
    void theoryAndSyntheticTracesRegenerateByteForByte() throws IOException {
        LabelledSetGenerator g = new LabelledSetGenerator(Path.of("unused"));
        int compared = 0;
        for (LabelledSetGenerator.Entry e : g.generateWithoutDatasets()) {
            Path committed = LabelledSet.ROOT.resolve(e.file());
            assertThat(committed).exists();
            assertThat(e.format().write(e.trace())).as(e.file()).isEqualTo(Files.readString(committed));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(30);
    }
}
