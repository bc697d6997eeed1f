package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

/**
 * Whether a CSV column holds numbers or categories. The rule, over the column's non-missing cells:
 * <ul>
 *   <li>all numbers: numeric;</li>
 *   <li>at least {@link #MOSTLY_NUMERIC} numbers but some text: an error naming the first text cell. A
 *       column of readings with a stray "unknown" or "12 kg" is far likelier a data-entry slip or an
 *       unlisted missing marker than a category, and guessing either way would silently change the data;</li>
 *   <li>otherwise (more than one cell in ten is text): categorical, every distinct text a category;</li>
 *   <li>no non-missing cell at all: empty (the column carries nothing and is dropped).</li>
 * </ul>
 */
enum ColumnKind {
    NUMERIC,
    CATEGORICAL,
    EMPTY;

    /** Share of numeric cells at or above which text cells are errors, not categories. */
    static final double MOSTLY_NUMERIC = 0.9;

    static ColumnKind of(CsvTable table, int column) {
        int nonMissing = 0;
        int numbers = 0;
        CsvTable.Row firstText = null;
        for (CsvTable.Row row : table.rows()) {
            String cell = row.cell(column);
            if (Cells.isMissing(cell)) {
                continue;
            }
            nonMissing++;
            if (Cells.isNumber(cell)) {
                numbers++;
            } else if (firstText == null) {
                firstText = row;
            }
        }
        if (nonMissing == 0) {
            return EMPTY;
        }
        if (numbers == nonMissing) {
            return NUMERIC;
        }
        if (numbers >= MOSTLY_NUMERIC * nonMissing) {
            String name = table.header().get(column);
            int share = (int) Math.floor(100.0 * numbers / nonMissing);
            throw new BadInputException(table.origin() + " line " + firstText.line() + ", column " + Cells.quote(name)
                    + ": " + Cells.quote(firstText.cell(column)) + " is not a finite number, but " + share
                    + "% of the column is numbers; expected a number, or an empty cell, NA or ? if the value is missing");
        }
        return CATEGORICAL;
    }
}
