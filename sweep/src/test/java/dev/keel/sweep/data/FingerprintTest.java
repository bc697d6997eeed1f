package dev.keel.sweep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.keel.sweep.data.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {
    @TempDir
    Path dir;

    private static final String CSV = "x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n";

    private static String fingerprint(Path file, long seed) {
        return DataLoader.load(DataSpec.of(file.toString(), "y"), seed).fingerprint();
    }

    @Test
    void theSameBytesAndSettingsGiveTheSameFingerprintWhereverTheFileIs() throws Exception {
        Path a = write(dir, "a.csv", CSV);
        Path moved = Files.createDirectory(dir.resolve("elsewhere")).resolve("b.csv");
        Files.copy(a, moved);
        assertThat(fingerprint(a, 1)).matches("[0-9a-f]{64}").isEqualTo(fingerprint(moved, 1));
    }

    @Test
    void anyChangedByteSeedOrSplitSettingChangesIt() {
        Path a = write(dir, "a.csv", CSV);
        Path edited = write(dir, "b.csv", CSV.replace("10,b", "11,b"));
        String base = fingerprint(a, 1);
        assertThat(fingerprint(edited, 1)).isNotEqualTo(base);
        assertThat(fingerprint(a, 2)).isNotEqualTo(base);
        DataSpec otherSplit = new DataSpec(a.toString(), "y", null, 0.6, 0.2, 0.2, true);
        assertThat(DataLoader.load(otherSplit, 1).fingerprint()).isNotEqualTo(base);
        DataSpec unstratified = new DataSpec(a.toString(), "y", null, 0.7, 0.15, 0.15, false);
        assertThat(DataLoader.load(unstratified, 1).fingerprint()).isNotEqualTo(base);
    }

    @Test
    void generatorsAreFingerprintedByNameAndSeed() {
        String a = DataLoader.load(DataSpec.of("builtin:spirals", null), 1).fingerprint();
        assertThat(DataLoader.load(DataSpec.of("builtin:spirals", null), 1).fingerprint()).isEqualTo(a);
        assertThat(DataLoader.load(DataSpec.of("builtin:spirals", null), 2).fingerprint()).isNotEqualTo(a);
        assertThat(DataLoader.load(DataSpec.of("builtin:ill_conditioned", null), 1).fingerprint()).isNotEqualTo(a);
    }
}
