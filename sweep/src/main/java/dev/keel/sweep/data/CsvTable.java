package dev.keel.sweep.data;

import java.util.List;

/**
 * A CSV file as text cells: the header and the data rows, each row with the line it starts on (a quoted
 * cell may span lines) so that errors can name it.
 *
 * @param origin how errors name the file: {@code data file 'x.csv'} or {@code builtin:iris}
 */
record CsvTable(String origin, List<String> header, List<Row> rows) {
    CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** One data row; {@code line} is 1-based, the header being line 1. */
    record Row(int line, String[] cells) {
        String cell(int column) {
            return cells[column];
        }
    }

    int columns() {
        return header.size();
    }
}
