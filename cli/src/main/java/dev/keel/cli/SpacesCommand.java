package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.sweep.space.FixedValue;
import dev.keel.sweep.space.KnobDomain;
import dev.keel.sweep.space.Parameter;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.sampler.TrialPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code keel spaces list | validate FILE}: the ready search spaces, and a check of a space before a sweep. */
@Command(name = "spaces",
        description = "List the ready search spaces, or check a space file before sweeping it.",
        mixinStandardHelpOptions = true,
        subcommands = {SpacesCommand.ListSpaces.class, SpacesCommand.Validate.class})
final class SpacesCommand implements Callable<Integer> {
    /** Set by the launcher to keel's folder; spaces/ is under it. */
    static final String HOME_PROPERTY = "keel.home";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("keel spaces: say which: list, or validate FILE");
        spec.commandLine().usage(err);
        return ExitCodes.BAD_INPUT;
    }

    static Path spacesFolder() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("spaces") : Path.of(home, "spaces");
    }

    /** A path as the user would type it: relative to the current folder when under it. */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the spaces in keel's spaces/ folder with their one-line descriptions. "
                    + "Exits with 2 if one of them is not valid.")
    static final class ListSpaces implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path folder = spacesFolder();
            if (!Files.isDirectory(folder)) {
                throw new BadInputException("no spaces folder at " + folder.toAbsolutePath().normalize()
                        + " (run keel through its launcher, or from keel's folder)");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String[]> rows = new ArrayList<>();
            int invalid = 0;
            for (Path file : files) {
                try {
                    SweepSpace space = SpaceParser.parse(file);
                    rows.add(new String[] {shown(file), space.method().token(), space.plannedTrials() + " trials",
                            space.description().lines().findFirst().orElse("")});
                } catch (BadInputException e) {
                    invalid++;
                    rows.add(new String[] {shown(file), "invalid", "", "see: keel spaces validate " + shown(file)});
                    err.println("keel: " + e.getMessage());
                }
            }
            if (rows.isEmpty()) {
                out.println("No space files (*.yaml) in " + shown(folder) + ".");
                return ExitCodes.OK;
            }
            int[] widths = new int[3];
            for (String[] row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                out.println(String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %s",
                        (Object[]) row).stripTrailing());
            }
            out.println();
            Path example = files.stream().filter(f -> f.getFileName().toString().startsWith("quickstart."))
                    .findFirst().orElse(files.get(0));
            out.println("Run one with: keel sweep " + shown(example) + "    Check one with: keel spaces validate FILE");
            return invalid == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a space file and show the sweep it plans, without training anything. "
                    + "Exits with 2 and a one-line FILE:LINE error when the file is not valid.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The space file (YAML).")
        Path file;

        @Option(names = "--trials", paramLabel = "N", description = "Plan N configurations instead of the file's trials.")
        Integer trials;

        @Option(names = "--seed", paramLabel = "S", description = "Plan with seed S instead of the file's seed.")
        Long seed;

        @Override
        public Integer call() {
            SweepSpace space = SpaceParser.parse(file);
            if (trials != null) {
                if (trials < 1) {
                    throw new BadInputException("--trials must be a whole number >= 1, was " + trials);
                }
                space = space.withTrials(trials);
            }
            if (seed != null) {
                space = space.withSeed(seed);
            }
            TrialPlan plan = TrialPlan.of(space);
            PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid");
            for (String line : describe(space, plan)) {
                out.println("  " + line);
            }
            return ExitCodes.OK;
        }

        private static List<String> describe(SweepSpace space, TrialPlan plan) {
            List<String> lines = new ArrayList<>();
            lines.add(row("name", space.name() + (space.description().isEmpty() ? "" : ": " + space.description())));
            lines.add(row("method", space.method().token() + ", " + space.configurations() + " configuration"
                    + plural(space.configurations()) + " x " + space.repeats() + " repeat" + plural(space.repeats())
                    + " = " + plan.size() + " trial" + plural(plan.size()) + ", seed " + space.seed()));
            var data = space.data();
            lines.add(row("data", shownSource(data.source())
                    + " (target " + (data.target() == null ? "the dataset's own" : data.target())
                    + ", task " + (data.task() == null ? "inferred" : data.task().token())
                    + ", split " + data.train() + "/" + data.validation() + "/" + data.test()
                    + (data.stratify() ? ", stratified)" : ")")));
            lines.add(row("metric", space.metric().name() + " (" + space.metric().goal().token() + ")"));
            lines.add(row("stopping", "early_terminate " + space.earlyTerminate().describe()));
            lines.add(row("model", space.model().token() + ", per-layer statistics every " + space.traceEvery()
                    + " steps, " + (Double.isInfinite(space.maxSeconds()) ? "no time limit"
                    : Parameter.format(space.maxSeconds()) + " s at most") + " per trial"));
            String label = "varied";
            for (Parameter p : space.varied()) {
                lines.add(row(label, String.format("%-18s %s", p.knob(), p.describe())));
                label = "";
            }
            if (space.varied().isEmpty()) {
                lines.add(row("varied", "nothing: every trial runs the same configuration"));
            }
            List<String> fixed = new ArrayList<>();
            for (Parameter p : space.parameters()) {
                if (p instanceof FixedValue f && !Objects.equals(f.value(), KnobDomain.defaultValue(f.knob()))) {
                    fixed.add(f.knob() + " " + f.describe());
                }
            }
            lines.add(row("fixed", (fixed.isEmpty() ? "" : String.join(", ", fixed) + "; ")
                    + "every other knob at its default"));
            return lines;
        }

        private static String shownSource(String source) {
            return source.startsWith("builtin:") ? source : shown(Path.of(source));
        }

        private static String row(String label, String text) {
            return String.format("%-9s %s", label, text).stripTrailing();
        }

        private static String plural(int n) {
            return n == 1 ? "" : "s";
        }
    }
}
