package dev.keel.sweep.space;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A listed configuration whose knob is written without a value is an error naming the line, not a crash. */
class ListedNullValueTest {
    @Test
    void aListedKnobWithoutAValueIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                name: confirm
                data: {source: builtin:iris}
                configurations:
                  - {optimizer: adam, learning_rate: ~}
                """);

        assertThatThrownBy(() -> SpaceParser.parse(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad.yaml:4: key 'configurations[0].learning_rate'");
    }
}
