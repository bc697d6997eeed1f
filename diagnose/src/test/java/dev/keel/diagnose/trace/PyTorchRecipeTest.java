package dev.keel.diagnose.trace;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.StabilityClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/PYTORCH.md's recipe: a PyTorch loop that writes keel's trace with per-layer statistics. Its committed output
 * (made once with Debian's python3-torch 1.13) is diagnosed here; where that Python is installed, the recipe is run.
 */
class PyTorchRecipeTest {
    private static final Path RECIPE = Path.of("../docs/recipes/pytorch_trace.py");
    private static final Path PAGE = Path.of("../docs/PYTORCH.md");
    private static final Path OUTPUT = Path.of("src/test/resources/pytorch-recipe/trace.csv");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void theRecipesOutputIsReadWithItsLayersAndChanceAndDiagnosedStable() throws IOException {
        checkRecipeTrace(TraceReader.read(OUTPUT));
    }

    @Test
    void thePageShowsTheRecipeAsItIsRun() throws IOException {
        Matcher block = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(PAGE));
        assertThat(block.find()).as("a python block in " + PAGE).isTrue();
        assertThat(block.group(1)).isEqualTo(Files.readString(RECIPE));
    }

    @Test
    void theRecipeRunsWhereDebiansPythonTorchIsInstalled() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "no torch for " + PYTHON);

        Path out = dir.resolve("trace.csv");
        Process run = new ProcessBuilder(PYTHON.toString(), RECIPE.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("python.log").toFile()).start();
        assertThat(run.waitFor(300, TimeUnit.SECONDS)).as("the recipe finished").isTrue();
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("python.log"))).isZero();
        Trace trace = TraceReader.read(out);
        checkRecipeTrace(trace);
        assertThat(trace.columns().stream().map(Trace.Column::name))
                .containsExactlyElementsOf(TraceReader.read(OUTPUT).columns().stream().map(Trace.Column::name).toList());
    }

    private static void checkRecipeTrace(Trace trace) {
        assertThat(trace.size()).isEqualTo(20 * 16);
        assertThat(trace.layers()).containsExactly("fc1", "fc2", "out");
        for (String kind : new String[] {Trace.GRAD_NORM, Trace.UPDATE_RATIO, Trace.PARAM_NORM}) {
            assertThat(trace.layerColumn(kind, "fc1").orElseThrow().present().cardinality()).as(kind)
                    .isEqualTo(1 + 320 / 10);
        }
        assertThat(trace.column(Trace.VAL_LOSS).orElseThrow().present().cardinality()).as("merged, once an epoch")
                .isEqualTo(20);
        assertThat(trace.metadata()).containsEntry("classes", "3").containsEntry("chance_loss", "1.098612")
                .containsEntry("val_examples", "88");
        Diagnosis d = StabilityClassifier.classify(trace);
        assertThat(d.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(d.findings()).noneMatch(f -> f.rule().token().startsWith("update_ratio"));
    }
}
