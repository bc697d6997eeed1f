package dev.keel.diagnose.trace;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.keel.diagnose.trace.TraceReaderTest.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotebookReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheCellThatTrainsLongestAndSaysWhich() throws IOException {
        Trace t = TraceReader.read(format("keras_notebook.ipynb"));
        assertThat(t.steps()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.loss().get(0)).isEqualTo(0.5);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(5)).isEqualTo(0.0875);
        assertThat(t.notes()).containsExactly(
                "2 cells print a training log: read cell 5 (In [7]), the one with the most loss rows (6)");
    }

    @Test
    void readsFastaisEpochTableFromItsHtml() throws IOException {
        Trace t = TraceReader.read(format("fastai_notebook.ipynb"));
        assertThat(t.steps()).containsExactly(0, 1, 2, 3);
        assertThat(t.loss().get(3)).isEqualTo(0.351234);
        assertThat(t.column(Trace.VAL_LOSS).orElseThrow().get(0)).isEqualTo(0.623456);
        assertThat(t.column(Trace.VAL_METRIC).orElseThrow().get(2)).isEqualTo(0.87);
        assertThat(t.notes()).containsExactly("read the output of notebook cell 2 (In [5])");
    }

    @Test
    void readsHuggingFacesNotebookTableWhereTheFirstRowsSayNoLog() throws IOException {
        String html = "<div><progress value='60' max='60'></progress> [60/60 00:30, Epoch 3/3]</div>"
                + "<table border=\\\"1\\\" class=\\\"dataframe\\\"><thead><tr style=\\\"text-align: left;\\\">"
                + "<th>Step</th><th>Training Loss</th><th>Validation Loss</th><th>Accuracy</th></tr></thead><tbody>"
                + "<tr><td>20</td><td>No log</td><td>0.512</td><td>0.760</td></tr>"
                + "<tr><td>40</td><td>0.498700</td><td>0.431</td><td>0.810</td></tr>"
                + "<tr><td>60</td><td>0.402100</td><td>0.398</td><td>0.830</td></tr></tbody></table>";
        Path nb = Files.writeString(dir.resolve("hf.ipynb"), "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\":"
                + " null, \"source\": [\"trainer.train()\"], \"outputs\": [{\"output_type\": \"display_data\", \"data\": "
                + "{\"text/html\": [\"" + html + "\"], \"text/plain\": [\"<IPython.core.display.HTML object>\"]}}]}],"
                + " \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}");
        Trace t = TraceReader.read(nb);
        assertThat(t.steps()).containsExactly(20, 40, 60);
        assertThat(t.loss().has(0)).isFalse();
        assertThat(t.loss().get(1)).isEqualTo(0.4987);
        assertThat(t.column(Trace.VAL_METRIC).orElseThrow().get(2)).as("the table's metrics are on validation")
                .isEqualTo(0.83);
        assertThat(t.notes()).containsExactly("read the output of notebook cell 1");
    }

    @Test
    void readsACostPrintedAfterItsIterationAsTheDeepLearningCourseDoes() throws IOException {
        Trace t = TraceReader.read(format("deeplearning_ai.ipynb"));
        assertThat(t.steps()).startsWith(0, 1000).endsWith(9000).hasSize(10);
        assertThat(t.loss().get(0)).isEqualTo(0.6928);
        assertThat(t.loss().get(9)).isEqualTo(0.1253);
        assertThat(t.notes()).containsExactly("read the output of notebook cell 3 (In [4])");
    }

    @Test
    void aCellThatNamesItsLossBeatsLongerCellsOfBareNumbers() throws IOException {
        Path nb = Files.writeString(dir.resolve("two.ipynb"), "{\"cells\": ["
                + "{\"cell_type\": \"code\", \"execution_count\": 2, \"source\": [], \"outputs\": [{\"output_type\":"
                + " \"stream\", \"name\": \"stdout\", \"text\": [\"0.51\\n\", \"0.42\\n\", \"0.37\\n\", \"0.33\\n\"]}]},"
                + "{\"cell_type\": \"code\", \"execution_count\": 3, \"source\": [], \"outputs\": [{\"output_type\":"
                + " \"stream\", \"name\": \"stdout\", \"text\": [\"epoch 1 loss 0.9\\n\", \"epoch 2 loss 0.8\\n\"]}]}],"
                + " \"nbformat\": 4}");
        Trace t = TraceReader.read(nb);
        assertThat(t.steps()).containsExactly(1, 2);
        assertThat(t.notes()).containsExactly("read the output of notebook cell 2 (In [3])");
    }

    @Test
    void aNotebookThatDoesNotTrainOrIsNotANotebookIsOneErrorLine() throws IOException {
        Path plain = Files.writeString(dir.resolve("eda.ipynb"), "{\"cells\": [{\"cell_type\": \"code\", \"source\": [],"
                + " \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"(60000, 28, 28)\\n\"]}]}],"
                + " \"nbformat\": 4}");
        assertThatThrownBy(() -> TraceReader.read(plain)).isInstanceOf(BadInputException.class).hasMessage(plain
                + ": no training loss in any cell's output, expected a notebook whose cells print a training log with"
                + " 'loss' values");
        Path broken = Files.writeString(dir.resolve("broken.ipynb"), "{\"cells\": [");
        assertThatThrownBy(() -> TraceReader.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(broken + ": not valid JSON").hasMessageEndingWith("expected a Jupyter notebook");
        Path other = Files.writeString(dir.resolve("other.ipynb"), "{\"worksheets\": []}");
        assertThatThrownBy(() -> TraceReader.read(other)).isInstanceOf(BadInputException.class)
                .hasMessage(other + ": no 'cells', expected a Jupyter notebook (nbformat 4)");
    }
}
