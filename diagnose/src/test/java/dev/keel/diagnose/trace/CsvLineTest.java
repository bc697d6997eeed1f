package dev.keel.diagnose.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvLineTest {
    @Test
    void aLineWithoutQuotesIsCutAtEveryCommaKeepingEmptyCells() {
        assertThat(CsvLine.split("1,2.5,,nan,")).containsExactly("1", "2.5", "", "nan", "");
        assertThat(CsvLine.split("")).containsExactly("");
        assertThat(CsvLine.split(",")).containsExactly("", "");
        assertThat(CsvLine.split(" step , loss")).containsExactly(" step ", " loss");
    }

    @Test
    void quotedCellsKeepTheirCommasAndDoubledQuotes() {
        assertThat(CsvLine.split("\"a,b\",\"say \"\"hi\"\"\",3")).containsExactly("a,b", "say \"hi\"", "3");
        assertThat(CsvLine.split("\"open,1")).isNull();
    }
}
