package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.DataSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of hostile space files, CSV data files and traces, generated from a fixed seed (issue 17, item 10): keel
 * answers each with success (a valid space, a verdict, loaded data) or with exit 2 and one line, never with exit 1,
 * a stack trace or a raw control character on the terminal. Seconds, not minutes: nothing here trains a network
 * but the few CSV variants run end to end.
 */
class HostileInputFuzzTest {
    private static final long SEED = 17;
    private static final int SPACES = 400;
    private static final int TRACES = 400;
    private static final int CSVS = 300;
    private static final int CSVS_END_TO_END = 6;
    /** A control character keel should have escaped (line feeds and tabs are keel's own). */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e]");

    private static final String CSV = """
            age,income,colour,score,label
            23,41000,red,0.5,yes
            35,,blue,0.25,no
            41,72000.5,green,1e-3,yes
            "29",39000,"dark, red",0.75,no
            52,88000,blue,NA,yes
            33,51000,red,0.1,no
            47,61000,green,0.9,yes
            38,45500,blue,0.4,no
            26,30000,red,0.6,yes
            44,70000,green,0.35,no
            """;

    @TempDir
    Path tmp;

    private Terminal terminal;

    @BeforeEach
    void openTerminal() {
        terminal = new Terminal(tmp.resolve("keel.log"));
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    @Test
    void hostileSpaceFilesAreValidOrOneLineWithExitTwo() throws IOException {
        Path csv = Files.writeString(tmp.resolve("data.csv"), CSV);
        List<String> seeds = spaceSeeds(csv);
        Mutations m = new Mutations(SEED);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < SPACES; i++) {
            String seed = m.pick(seeds);
            Path file = Files.write(tmp.resolve("space-" + i + ".yaml"), m.mutate(seed, tokens(seed),
                    Mutations.YAML_VALUES));
            terminal.clear();
            int exit = terminal.run("spaces", "validate", file.toString());
            if (exit == ExitCodes.BAD_INPUT) {
                refused++;
            }
            check("space " + i, exit, file, failures, true);
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(refused).as("most variants are refused, some still valid").isBetween(SPACES / 4, SPACES - 10);
    }

    @Test
    void hostileTracesGetAVerdictOrOneLineWithExitTwo() throws IOException {
        List<String[]> seeds = traceSeeds();
        Mutations m = new Mutations(SEED + 1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRACES; i++) {
            String[] seed = m.pick(seeds);
            Path file = Files.write(tmp.resolve("trace-" + i + seed[0]), m.mutate(seed[1], tokens(seed[1]),
                    Mutations.CELL_VALUES));
            terminal.clear();
            boolean json = m.random().nextBoolean();
            int exit = json ? terminal.run("diagnose", "--json", file.toString())
                    : terminal.run("diagnose", file.toString());
            check("trace " + i, exit, file, failures, false);
            if (exit == ExitCodes.OK && !terminal.out().startsWith(json ? "{\"file\":" : file + ": ")) {
                failures.add("trace " + i + " (" + file + "): exit 0 without a verdict: " + terminal.out());
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void hostileCsvFilesLoadOrAreRefusedInOneLine() throws IOException {
        Mutations m = new Mutations(SEED + 2);
        List<String> failures = new ArrayList<>();
        List<Path> refusedFiles = new ArrayList<>();
        List<Path> loadedFiles = new ArrayList<>();
        for (int i = 0; i < CSVS; i++) {
            Path file = Files.write(tmp.resolve("data-" + i + ".csv"), m.mutate(CSV, tokens(CSV), Mutations.CELL_VALUES));
            try {
                DataLoader.load(DataSpec.of(file.toString(), "label"), i);
                loadedFiles.add(file);
            } catch (BadInputException e) {
                refusedFiles.add(file);
                if (e.getMessage().contains("\n")) {
                    failures.add("csv " + i + " (" + file + "): a message of several lines: " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                failures.add("csv " + i + " (" + file + "): " + e);
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(refusedFiles).isNotEmpty();
        assertThat(loadedFiles).isNotEmpty();

        // A few of each end to end, as keel sweep reads them: exit 2 and one line, or a sweep that ends.
        List<Path> sample = new ArrayList<>();
        sample.addAll(refusedFiles.subList(0, Math.min(CSVS_END_TO_END / 2, refusedFiles.size())));
        sample.addAll(loadedFiles.subList(0, Math.min(CSVS_END_TO_END / 2, loadedFiles.size())));
        for (Path file : sample) {
            Path space = Files.writeString(tmp.resolve(file.getFileName() + ".yaml"), """
                    name: fuzz
                    method: grid
                    data: {source: %s, target: label}
                    parameters:
                      width: {value: 2}
                      epochs: {value: 1}
                    """.formatted(file));
            terminal.clear();
            int exit = terminal.run("sweep", space.toString(), "--out", tmp.resolve(file.getFileName() + ".run")
                    .toString(), "--quiet");
            check("sweep of " + file.getFileName(), exit, space, failures, true);
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    /**
     * Exit 0, or 2 with the command's one line starting {@code keel: }; never 1, a stack trace, or a raw control
     * character on the terminal.
     */
    private void check(String what, int exit, Path file, List<String> failures, boolean noWarnings) {
        String where = what + " (" + file + ")";
        if (exit != ExitCodes.OK && exit != ExitCodes.BAD_INPUT) {
            failures.add(where + ": exit " + exit + ": " + terminal.err());
        }
        if (Terminal.hasStackTrace(terminal.err()) || Terminal.hasStackTrace(terminal.out())) {
            failures.add(where + ": a stack trace on the terminal: " + terminal.err());
        }
        if (RAW_CONTROL.matcher(terminal.err()).find() || RAW_CONTROL.matcher(terminal.out()).find()) {
            failures.add(where + ": a raw control character on the terminal");
        }
        if (exit == ExitCodes.BAD_INPUT) {
            List<String> lines = terminal.commandErrLines();
            if (lines.size() != 1 || !lines.get(0).startsWith("keel: ")) {
                failures.add(where + ": exit 2 with " + lines.size() + " lines: " + lines);
            }
        }
        if (terminal.errLines().stream().anyMatch(l -> !l.startsWith("keel: ") && !l.startsWith("data: ")
                && !l.startsWith("sweep ") && !l.startsWith("["))) {
            failures.add(where + ": a stray line on stderr: " + terminal.err());
        }
        if (noWarnings && exit == ExitCodes.BAD_INPUT && terminal.errLines().size() != 1) {
            failures.add(where + ": more than one line on stderr: " + terminal.err());
        }
    }

    /** Keel's shipped spaces and a few of every form, with data.source on a small CSV so that none trains. */
    private static List<String> spaceSeeds(Path csv) throws IOException {
        List<String> seeds = new ArrayList<>();
        Path shipped = Path.of("..", "spaces");
        if (Files.isDirectory(shipped)) {
            try (var files = Files.list(shipped)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    seeds.add(Files.readString(f));
                }
            }
        }
        seeds.add("""
                name: every-form
                description: &d a space with every form of parameter
                method: grid
                trials: 4
                repeats: 2
                seed: 42
                data: {source: %s, target: label, task: classification, split: {train: 0.6, validation: 0.2, test: 0.2}, stratify: false}
                metric: {name: val_accuracy, goal: maximize}
                early_terminate: {type: median}
                model: {type: mlp}
                training: {trace_every: 5, max_seconds: 30}
                parameters:
                  optimizer: {values: [sgd, adam]}
                  learning_rate: {values: [0.001, 0.01]}
                  batch_size: {distribution: int_uniform, min: 8, max: 10}
                  l2: &r {value: 0.0001}
                  l1: *r
                  gradient_clipping: {values: [none, 1.0, "value:0.5"]}
                  early_stopping: {value: {patience: 3, min_delta: 0.001}}
                  augment: {value: "noise:0.1"}
                  depth: {value: 2}
                  width: {value: 8}
                """.formatted(csv));
        seeds.add("""
                name: sobol
                method: sobol
                trials: 16
                data: {source: builtin:iris}
                parameters:
                  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 1}
                  dropout: {distribution: uniform, min: 0, max: 0.5, q: 0.1}
                  weight_decay: {distribution: q_log_uniform_values, min: 1, max: 100}
                  activation: {values: [relu, tanh, sigmoid, gelu]}
                configurations:
                  - {optimizer: adam, learning_rate: 0.001}
                  - {optimizer: sgd, learning_rate: 0.1}
                """);
        return seeds;
    }

    /** Short traces of every format keel reads. */
    private static List<String[]> traceSeeds() {
        StringBuilder keel = new StringBuilder("# optimizer=sgd learning_rate=0.5 classes=3\n"
                + "step,epoch,loss,lr,val_loss,val_metric,grad_norm/dense_0,grad_norm/output,update_ratio/dense_0,"
                + "param_norm/dense_0,dead_fraction/dense_0,saturated_fraction/dense_0\n");
        StringBuilder jsonl = new StringBuilder();
        StringBuilder keras = new StringBuilder("epoch,accuracy,loss,val_accuracy,val_loss\n");
        StringBuilder tensorboard = new StringBuilder("Wall time,Step,Value\n");
        StringBuilder printed = new StringBuilder();
        StringBuilder hf = new StringBuilder("{\"epoch\": 3.0, \"global_step\": 30, \"log_history\": [\n");
        for (int s = 1; s <= 30; s++) {
            double loss = 1.1 * Math.exp(-s / 12.0) + 0.05 * Math.sin(s);
            keel.append(s).append(',').append(1 + s / 10).append(',').append(loss).append(",0.5,")
                    .append(s % 10 == 0 ? String.valueOf(loss * 1.1) : "").append(',')
                    .append(s % 10 == 0 ? "0.8" : "").append(",0.3,0.4,0.001,12.5,0.1,0.02\n");
            jsonl.append("{\"step\": ").append(s).append(", \"loss\": ").append(loss)
                    .append(", \"grad_norm/dense_0\": 0.3}\n");
            if (s <= 10) {
                keras.append(s - 1).append(",0.").append(5 + s / 3).append(',').append(loss).append(",0.7,")
                        .append(loss * 1.2).append('\n');
            }
            tensorboard.append(1.7e9 + s).append(',').append(s).append(',').append(loss).append('\n');
            printed.append("Epoch ").append(1 + s / 10).append(" step ").append(s).append(" loss: ")
                    .append(String.format(java.util.Locale.ROOT, "%.4f", loss)).append('\n');
            if (s % 5 == 0) {
                hf.append("  {\"epoch\": ").append(s / 10.0).append(", \"learning_rate\": 5e-05, \"loss\": ")
                        .append(loss).append(", \"step\": ").append(s).append("},\n");
            }
        }
        hf.append("  {\"epoch\": 3.0, \"step\": 30, \"train_loss\": 0.5, \"train_runtime\": 12.0}\n]}\n");
        return List.of(new String[] {".csv", keel.toString()}, new String[] {".jsonl", jsonl.toString()},
                new String[] {".csv", keras.toString()}, new String[] {".csv", tensorboard.toString()},
                new String[] {".log", printed.toString()}, new String[] {".json", hf.toString()});
    }

    /** What a mutation may replace: the file's words and numbers, at least one. */
    private static List<String> tokens(String text) {
        List<String> tokens = Pattern.compile("[A-Za-z_][A-Za-z0-9_./:-]*|-?[0-9][0-9.eE+-]*").matcher(text).results()
                .map(r -> r.group()).distinct().collect(Collectors.toList());
        if (tokens.isEmpty()) {
            tokens.add(text.isEmpty() ? "" : text.substring(0, 1));
        }
        return tokens;
    }
}
