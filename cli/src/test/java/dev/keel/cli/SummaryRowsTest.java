package dev.keel.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The line under the best stable trials that says how many examples apart they are, when the metric counts rows. */
class SummaryRowsTest {

    @Test
    void bestTrialsOneRowApartAreSaidToBeWithinOneRowAndThatAnotherSeedCanReorderThem() {
        String line = Summary.rowsLine("val_accuracy", 270, 266 / 270.0, 265 / 270.0, 5, false);

        assertThat(line).isEqualTo("  val_accuracy counts 270 validation rows (0.003704 a row): these 5 are within 1 row"
                + " of each other; another seed can reorder them (repeats: N in the space runs each setting N times)");
    }

    @Test
    void bestTrialsFarApartAreNotCalledInterchangeable() {
        String line = Summary.rowsLine("val_accuracy", 270, 266 / 270.0, 250 / 270.0, 5, false);

        assertThat(line).contains("these 5 are within 16 rows of each other").doesNotContain("reorder");
    }

    @Test
    void equalAccuraciesAreTiedAndASweepWithRepeatsIsNotToldToAddThem() {
        String line = Summary.rowsLine("test_accuracy", 85, 0.9882352941, 0.9882352941, 3, true);

        assertThat(line).startsWith("  test_accuracy counts 85 test rows").contains("these 3 are tied")
                .doesNotContain("repeats");
    }
}
