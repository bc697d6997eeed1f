package dev.keel.sweep.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {
    @Test
    void plainDecimalNumbersAreNumbers() {
        assertThat(Cells.number("1")).isEqualTo(1);
        assertThat(Cells.number("-1.5")).isEqualTo(-1.5);
        assertThat(Cells.number("+.5")).isEqualTo(0.5);
        assertThat(Cells.number("5.")).isEqualTo(5);
        assertThat(Cells.number("2E-2")).isEqualTo(0.02);
        assertThat(Cells.number("1e3")).isEqualTo(1000);
    }

    @Test
    void javaOnlySpellingsAndNonFiniteValuesAreNotNumbers() {
        for (String text : new String[] {"", "1d", "2f", "0x1p3", "Infinity", "-inf", "NaN", "1e", "e5", ".", "-", "1.2.3",
                "1,5", "1e400", "12%", "1 000"}) {
            assertThat(Cells.isNumber(text)).as(text).isFalse();
        }
    }

    @Test
    void missingMarkersInAnyCase() {
        for (String text : new String[] {"", "NA", "na", "N/A", "?", "nan", "NaN", "-nan", "NULL", "<NA>", "#N/A"}) {
            assertThat(Cells.isMissing(text)).as(text).isTrue();
        }
        for (String text : new String[] {"None", "0", "-", "n", "nana"}) {
            assertThat(Cells.isMissing(text)).as(text).isFalse();
        }
    }

    @Test
    void statisticsInNotesAreRoundedButLabelsAreExact() {
        assertThat(Cells.formatRounded(0.0053100000000000005)).isEqualTo("0.00531");
        assertThat(Cells.formatRounded(38.5)).isEqualTo("38.5");
        assertThat(Cells.format(0.1234567891)).isEqualTo("0.1234567891");
        assertThat(Cells.format(3.0)).isEqualTo("3");
    }
}
