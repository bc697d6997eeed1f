package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvParserTest {
    private static CsvTable parse(String text) {
        return CsvParser.parse(text.getBytes(StandardCharsets.UTF_8), "data file 'x.csv'");
    }

    private static List<String> row(CsvTable table, int i) {
        return List.of(table.rows().get(i).cells());
    }

    @Test
    void quotedCellsKeepCommasDoubledQuotesAndLineBreaks() {
        CsvTable t = parse("name,note,size\n\"Smith, J\",\"said \"\"hi\"\"\",3\n\"two\nlines\",x,4\n");
        assertThat(t.header()).containsExactly("name", "note", "size");
        assertThat(row(t, 0)).containsExactly("Smith, J", "said \"hi\"", "3");
        assertThat(row(t, 1)).containsExactly("two\nlines", "x", "4");
    }

    @Test
    void crlfAndLoneCrEndRecordsLikeLf() {
        CsvTable crlf = parse("a,b\r\n1,2\r\n3,4\r\n");
        CsvTable cr = parse("a,b\r1,2\r3,4");
        assertThat(row(crlf, 1)).containsExactly("3", "4");
        assertThat(row(cr, 1)).containsExactly("3", "4");
        assertThat(crlf.rows().get(1).line()).isEqualTo(3);
    }

    @Test
    void rowsRememberTheLineTheyStartOnAcrossQuotedLineBreaksAndBlankLines() {
        CsvTable t = parse("a,b\n\"x\r\ny\",1\n\n2,3\n");
        assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(2, 5);
    }

    @Test
    void emptyCellsAndAnEmptyQuotedCellAreKept() {
        CsvTable t = parse("a,b,c\n,\"\",\n");
        assertThat(row(t, 0)).containsExactly("", "", "");
    }

    @Test
    void aByteOrderMarkAndSpacesAroundCellsAreIgnored() {
        CsvTable t = parse("\uFEFFa , b\n 1 , \"x, y\" \n");
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(row(t, 0)).containsExactly("1", "x, y");
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsText() {
        assertThat(row(parse("height,n\n5\",1\n"), 0)).containsExactly("5\"", "1");
    }

    @Test
    void windows1252BytesAreReadRatherThanRejected() {
        byte[] latin = "colour,n\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvTable t = CsvParser.parse(latin, "data file 'x.csv'");
        assertThat(row(t, 0)).containsExactly("caf\u00e9", "1");
    }

    @Test
    void aRowWithTooFewOrTooManyCellsNamesItsLine() {
        assertThatThrownBy(() -> parse("a,b,c\n1,2,3\n4,5\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("data file 'x.csv' line 3: 2 cells, but the header has 3 columns");
        assertThatThrownBy(() -> parse("a,b\r\n1,2\r\n\r\n3,4,5\r\n"))
                .hasMessageStartingWith("data file 'x.csv' line 4: 3 cells");
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOn() {
        assertThatThrownBy(() -> parse("a,b\n1,2\n\"open,3\n4,5\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("data file 'x.csv' line 3: a quoted cell opened on this line is never closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> parse("a,b\n\"x\"y,2\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("data file 'x.csv' line 2: text 'y' after a closing quote in cell 1");
    }

    @Test
    void anEmptyFileOrOnlyBlankLinesIsAnError() {
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(BadInputException.class)
                .hasMessage("data file 'x.csv' is empty: expected a header row of column names, then one row per example");
        assertThatThrownBy(() -> parse("\r\n\n  \n")).hasMessageStartingWith("data file 'x.csv' is empty");
    }

    @Test
    void aHeaderWithoutRowsIsAnError() {
        assertThatThrownBy(() -> parse("a,b,target\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("data file 'x.csv' has a header row but no data rows");
    }

    @Test
    void aHeaderMustNameEveryColumnOnce() {
        assertThatThrownBy(() -> parse("a,,c\n1,2,3\n")).hasMessageContaining("line 1: column 2 has no name");
        assertThatThrownBy(() -> parse("a,b,a\n1,2,3\n"))
                .hasMessageContaining("line 1: the header names column 'a' twice (columns 1 and 3)");
    }

    @Test
    void binaryFilesAreRejected() {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00};
        assertThatThrownBy(() -> CsvParser.parse(gzip, "data file 'x.csv.gz'"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("data file 'x.csv.gz' is not a CSV text file");
    }
}
