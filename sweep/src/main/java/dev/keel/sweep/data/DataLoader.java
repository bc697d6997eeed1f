package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads the data a space names ({@code data.source}: {@code builtin:NAME} or a CSV path), cleans it and
 * splits it, the same way for every trial of a sweep. docs/DATA.md describes each step and every error.
 */
public final class DataLoader {
    public static final String BUILTIN_PREFIX = "builtin:";

    private DataLoader() {
    }

    /**
     * @param seed the sweep's seed: fixes the split and the synthetic datasets' rows
     * @throws BadInputException for anything the user can fix in the data or the {@code data} block
     */
    public static PreparedData load(DataSpec spec, long seed) {
        String source = spec.source().strip();
        if (source.startsWith(BUILTIN_PREFIX)) {
            return loadBuiltin(builtinName(source), spec, seed);
        }
        String origin = "data file " + Cells.quotePath(source);
        return CsvDataset.prepare(read(source, origin), origin, spec, seed, null, null);
    }

    /**
     * The target column {@code spec} selects: {@code data.target} if set, else the built-in dataset's own
     * ({@code species} for iris); null for a CSV without {@code data.target}, which {@link #load} rejects.
     */
    public static String targetName(DataSpec spec) {
        String source = spec.source().strip();
        if (spec.target() != null || !source.startsWith(BUILTIN_PREFIX)) {
            return spec.target();
        }
        String name = builtinName(source);
        return BuiltinDatasets.shipped(name).map(BuiltinDatasets.Shipped::target)
                .or(() -> BuiltinDatasets.synthetic(name).map(SyntheticDataset::target))
                .orElseThrow(() -> BuiltinDatasets.unknown(name));
    }

    /** The names {@code builtin:NAME} accepts, sorted. */
    public static List<String> builtinNames() {
        return BuiltinDatasets.names();
    }

    private static String builtinName(String source) {
        return source.substring(BUILTIN_PREFIX.length()).strip().toLowerCase(Locale.ROOT);
    }

    private static PreparedData loadBuiltin(String name, DataSpec spec, long seed) {
        Optional<BuiltinDatasets.Shipped> shipped = BuiltinDatasets.shipped(name);
        if (shipped.isPresent()) {
            BuiltinDatasets.Shipped s = shipped.get();
            return CsvDataset.prepare(s.bytes(), BUILTIN_PREFIX + name, spec, seed, s.target(), s.image());
        }
        SyntheticDataset generator = BuiltinDatasets.synthetic(name).orElseThrow(() -> BuiltinDatasets.unknown(name));
        return generated(generator, spec, seed);
    }

    private static PreparedData generated(SyntheticDataset generator, DataSpec spec, long seed) {
        String origin = BUILTIN_PREFIX + generator.name();
        if (spec.target() != null && !spec.target().equals(generator.target())) {
            throw new BadInputException(origin + " has no column " + Cells.quote(spec.target())
                    + " (data.target); expected " + Cells.quote(generator.target()) + " or no data.target");
        }
        if (spec.task() != null && spec.task() != generator.task()) {
            throw new BadInputException(origin + " is a " + generator.task().token() + " dataset, but data.task is "
                    + spec.task().token() + "; expected " + generator.task().token() + " or no data.task");
        }
        SyntheticDataset.Generated data = generator.generate(seed);
        DataSplit split = Splitter.split(data.targets(), data.classNames(), spec, seed, origin);
        List<String> notes = new ArrayList<>();
        notes.add("task: " + generator.task().token() + ", as " + origin + " defines it");
        notes.addAll(data.notes());
        notes.addAll(split.notes());
        byte[] identity = (origin + " version " + generator.version() + " seed " + seed)
                .getBytes(StandardCharsets.UTF_8);
        return new PreparedData(spec.source(), generator.task(), data.featureNames(), data.classNames(), null,
                CsvDataset.rowsOf(data.features(), data.targets(), split.train()),
                CsvDataset.rowsOf(data.features(), data.targets(), split.validation()),
                CsvDataset.rowsOf(data.features(), data.targets(), split.test()),
                Fingerprint.of(identity, generator.target(), spec, seed), notes);
    }

    private static byte[] read(String source, String origin) {
        Path path;
        try {
            path = Path.of(source);
        } catch (InvalidPathException e) {
            throw new BadInputException(origin + " (data.source) is not a valid path: " + e.getReason(), e);
        }
        if (Files.isDirectory(path)) {
            throw new BadInputException(origin + " (data.source) is a directory; expected a CSV file or builtin:NAME");
        }
        String kind = InputFiles.kind(path);
        if (kind != null) {
            throw new BadInputException(origin + " (data.source) is " + kind
                    + ", not a regular file; expected a CSV file or builtin:NAME");
        }
        if (!Files.exists(path)) {
            throw new BadInputException(origin + " (data.source) does not exist; expected a CSV file or one of "
                    + String.join(", ", builtinNames().stream().map(n -> BUILTIN_PREFIX + n).toList()));
        }
        try {
            return InputFiles.readBytes(path, InputFiles.DATA_LIMIT, "a CSV data file");
        } catch (IOException e) {
            throw new BadInputException(origin + " (data.source) cannot be read: " + e.getMessage(), e);
        }
    }
}
