package dev.keel.sweep.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes CSV fixtures into a test's temporary folder. */
final class CsvFixtures {
    private CsvFixtures() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataSpec spec(Path file, String target) {
        return DataSpec.of(file.toString(), target);
    }

    static int column(PreparedData data, String name) {
        int c = data.featureNames().indexOf(name);
        if (c < 0) {
            throw new AssertionError("no feature " + name + " in " + data.featureNames());
        }
        return c;
    }
}
