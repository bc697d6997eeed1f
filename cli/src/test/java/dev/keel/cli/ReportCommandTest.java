package dev.keel.cli;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.LogFolders;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = KeelCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** A tiny real store: two learning rates, one stable, one diverging, with traces. */
    private Path sweep(String name, double badRate) throws Exception {
        Path run = dir.resolve(name);
        ResultStore store = ResultStore.create(run, new SweepManifest(name, "", Map.of("method", "grid"), 0, 2,
                "test", "test", "2025-01-01T00:00:00Z", null));
        double[] rates = {0.001, badRate};
        for (int i = 0; i < 2; i++) {
            boolean stable = i == 0;
            Map<String, Object> params = TrialConfig.defaults().with(Map.of("learning_rate", rates[i])).toParams();
            Trace.Builder b = Trace.builder(List.of("loss", "grad_norm/dense_0"));
            for (int s = 0; s < 50; s++) {
                b.addRow(s).set("loss", stable ? 2.3 * Math.exp(-s / 20.0) + 0.1 : Math.exp(s / 5.0));
                b.set("grad_norm/dense_0", stable ? 0.5 : Math.exp(s / 5.0));
            }
            store.append(new TrialRecord("t" + i, params, i, TrialStatus.COMPLETED,
                    stable ? Verdict.STABLE : Verdict.DIVERGING, 0.9, stable ? null : 20L,
                    stable ? List.of() : List.of(new Finding(Rule.LOSS_BLOW_UP, null, 20L, 1e3, 10, "The loss blew up.")),
                    Map.of("val_loss", stable ? 0.2 : 9.0), 1, 50, 1.0, null), b.build());
        }
        return run;
    }

    @Test
    void writesTheReportIntoTheRunFolderAndPrintsItsPath() throws Exception {
        Path run = sweep("lr", 3.0);
        assertThat(run("report", run.toString())).isEqualTo(ExitCodes.OK);
        Path written = run.resolve("report.html");
        assertThat(out.toString().strip()).isEqualTo(written.toString());
        assertThat(Files.readString(written)).startsWith("<!DOCTYPE html>").contains("id=\"trial-t1\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void twoFoldersGiveAComparisonBesideTheFirstOrWhereOutSays() throws Exception {
        Path a = sweep("before", 3.0);
        Path b = sweep("after", 1.0);
        assertThat(run("report", a.toString(), b.toString())).isEqualTo(ExitCodes.OK);
        Path written = a.resolve("compare-after.html");
        assertThat(out.toString().strip()).isEqualTo(written.toString());
        assertThat(Files.readString(written)).contains("before vs after");

        Path chosen = dir.resolve("pages/cmp.html");
        assertThat(run("report", a.toString(), b.toString(), "--out", chosen.toString())).isEqualTo(ExitCodes.OK);
        assertThat(chosen).isRegularFile();
    }

    @Test
    void aFolderThatIsNotAResultStoreIsOneLineAndExitCodeTwo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("report", empty.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("keel: " + empty + ": not a keel result folder (no sweep.json) nor a"
                + " folder of training logs (" + LogFolders.patterns() + ")" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        assertThat(empty.resolve("report.html")).doesNotExist();
    }

    @Test
    void aMissingFolderIsBadInputToo() {
        Path missing = dir.resolve("nope");
        assertThat(run("report", missing.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("keel: " + missing + ": no such folder").doesNotContain("\n\n");
    }

    @Test
    void moreThanTwoFoldersIsAUsageError() throws Exception {
        Path a = sweep("a", 3.0);
        assertThat(run("report", a.toString(), a.toString(), a.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
