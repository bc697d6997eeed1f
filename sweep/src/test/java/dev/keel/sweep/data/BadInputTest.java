package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.keel.sweep.data.CsvFixtures.spec;
import static dev.keel.sweep.data.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every user mistake is a BadInputException (exit 2) with one line naming the file, column or line. */
class BadInputTest {
    @TempDir
    Path dir;

    private AbstractThrowableAssert<?, ? extends Throwable> loading(DataSpec spec) {
        return assertThatThrownBy(() -> DataLoader.load(spec, 1))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> loading(String fileName, String text, String target) {
        return loading(spec(write(dir, fileName, text), target));
    }

    @Test
    void aMissingFileIsNamedWithWhatWasExpected() {
        String path = dir.resolve("nowhere.csv").toString();
        loading(DataSpec.of(path, "y"))
                .hasMessageStartingWith("data file '" + path + "' (data.source) does not exist")
                .hasMessageContaining("expected a CSV file or one of builtin:breast_cancer");
    }

    @Test
    void aDirectoryIsNotAFile() {
        loading(DataSpec.of(dir.toString(), "y")).hasMessageContaining("is a directory");
    }

    @Test
    void aMissingTargetColumnListsTheColumnsThatExist() {
        loading("t.csv", "age,colour,label\n1,red,a\n2,blue,b\n", "species")
                .hasMessage("data file '" + dir.resolve("t.csv") + "' has no column 'species' (data.target);"
                        + " expected one of 'age', 'colour', 'label'");
    }

    @Test
    void aTargetInTheWrongCaseGetsAHint() {
        loading("t.csv", "age,Label\n1,a\n2,b\n", "label").hasMessageContaining("did you mean 'Label'?");
    }

    @Test
    void aSemicolonSeparatedFileGetsAHint() {
        loading("t.csv", "age;label\n1;a\n2;b\n", "label").hasMessageContaining("seems to use semicolons");
    }

    @Test
    void aCsvWithoutDataTargetListsTheColumns() {
        loading("t.csv", "age,label\n1,a\n2,b\n", null)
                .hasMessageContaining("data.target is not set")
                .hasMessageContaining("'age', 'label'");
    }

    @Test
    void aWordInANumericColumnNamesTheLineAndTheColumn() {
        StringBuilder csv = new StringBuilder("weight,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i == 17 ? "unknown" : String.valueOf(60 + i)).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        loading("w.csv", csv.toString(), "label")
                .hasMessage("data file '" + dir.resolve("w.csv") + "' line 19, column 'weight': 'unknown' is not a finite"
                        + " number, but 96% of the column is numbers; expected a number, or an empty cell, NA or ? if the"
                        + " value is missing");
    }

    @Test
    void infinityInANumericColumnIsNotANumber() {
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i == 4 ? "inf" : String.valueOf(i)).append(',').append(i % 2).append('\n');
        }
        loading("inf.csv", csv.toString(), "label").hasMessageContaining("line 6, column 'x': 'inf' is not a finite number");
    }

    @Test
    void aStrayWordInANumericTargetIsAnErrorToo() {
        StringBuilder csv = new StringBuilder("x,price\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i == 3 ? "n.a." : String.valueOf(100.5 + i)).append('\n');
        }
        loading("p.csv", csv.toString(), "price").hasMessageContaining("line 5, column 'price': 'n.a.' is not a finite number");
    }

    @Test
    void anEmptyFile() {
        loading("e.csv", "", "y").hasMessage("data file '" + dir.resolve("e.csv")
                + "' is empty: expected a header row of column names, then one row per example");
    }

    @Test
    void aHeaderWithoutRows() {
        loading("h.csv", "x,y\r\n", "y").hasMessageContaining("'" + dir.resolve("h.csv") + "' has a header row but no data rows");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsNamesTheLine() {
        loading("r.csv", "x,y\n1,a\n2,b,c\n3,a\n", "y").hasMessageContaining("r.csv' line 3: 3 cells, but the header has 2 columns");
    }

    @Test
    void aTargetWithASingleClassNamesTheClass() {
        loading("s.csv", "x,y\n1,cat\n2,cat\n3,NA\n4,cat\n", "y")
                .hasMessage("data file '" + dir.resolve("s.csv") + "', target 'y': every row has the same class 'cat';"
                        + " classification needs at least two classes");
    }

    @Test
    void aTargetWithNoValueAtAll() {
        loading("n.csv", "x,y\n1,\n2,NA\n", "y").hasMessageContaining("target 'y': every value is missing");
    }

    @Test
    void aSplitThatLeavesAClassOutOfTrainingNamesTheClass() {
        // Three classes but a training share of 0.1 of 20 rows: two training rows cannot hold three classes.
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append("abc".charAt(i % 3)).append('\n');
        }
        DataSpec spec = new DataSpec(write(dir, "c.csv", csv.toString()).toString(), "y", null, 0.1, 0.45, 0.45, false);
        loading(spec)
                .hasMessageContaining("c.csv': data.split 0.1/0.45/0.45 with stratify: false and seed 1 leaves class '")
                .hasMessageContaining("out of training; every class needs a training row: set data.stratify: true");
    }

    @Test
    void tooFewRowsForTheSplitSaysWhichSplitIsEmpty() {
        loading("few.csv", "x,y\n1,1.5\n2,2.5\n", "y")
                .hasMessageContaining("few.csv': 2 rows are too few for data.split 0.7/0.15/0.15, which leaves the"
                        + " validation split empty");
    }

    @Test
    void regressionOnATextTargetNamesTheLine() {
        DataSpec spec = new DataSpec(write(dir, "t.csv", "x,y\n1,2.5\n2,big\n3,small\n4,big\n").toString(), "y",
                Task.REGRESSION, 0.7, 0.15, 0.15, true);
        loading(spec).hasMessageContaining("target 'y' line 3: 'big' is text, but data.task is regression");
    }

    @Test
    void anUnknownBuiltinListsTheBuiltins() {
        loading(DataSpec.of("builtin:irs", null))
                .hasMessage("data.source names builtin:irs, which keel does not have; expected one of builtin:breast_cancer,"
                        + " builtin:diabetes, builtin:digits, builtin:ill_conditioned, builtin:iris, builtin:spirals");
    }

    @Test
    void aGeneratorRejectsAnotherTargetOrTask() {
        loading(DataSpec.of("builtin:spirals", "y")).hasMessageContaining("builtin:spirals has no column 'y' (data.target)");
        loading(new DataSpec("builtin:spirals", null, Task.REGRESSION, 0.7, 0.15, 0.15, true))
                .hasMessageContaining("builtin:spirals is a classification dataset, but data.task is regression");
    }

    @Test
    void aShippedBuiltinNamesItselfInErrors() {
        loading(DataSpec.of("builtin:iris", "colour")).hasMessageStartingWith("builtin:iris has no column 'colour'");
    }
}
