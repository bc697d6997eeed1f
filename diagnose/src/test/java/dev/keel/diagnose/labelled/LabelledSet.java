package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The labelled traces: every {@code manifest.csv} under {@code src/test/resources/labelled} (columns file, label,
 * family, split, origin; file relative to the manifest's folder). The folder of a manifest is the trace's source (a
 * framework, a generator, a set of real logs), the unit that the leave-one-source-out evaluation holds out
 * ({@link LabelledCorpus}). Traces added in a folder of their own, with a manifest beside them, join the evaluation
 * with no code change. The split column is from the first round's random halves and is no longer read.
 */
public record LabelledSet(List<Item> items) {
    static final Path ROOT = Path.of("src/test/resources/labelled");

    /**
     * @param source the folder of the item's manifest under the labelled root ({@code dl4j}, {@code torch},
     *               {@code real-keras}, ...), or {@code generated} for the root manifest's theory and synthetic traces
     * @param origin how the trace was made or where it was found, and why it has its label
     */
    public record Item(Path file, Verdict label, String family, String origin, String source) {
        public Trace read() {
            try {
                return TraceReader.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String name() {
            return ROOT.relativize(file).toString();
        }
    }

    public static LabelledSet load() throws IOException {
        return load(ROOT);
    }

    static LabelledSet load(Path root) throws IOException {
        List<Path> manifests;
        try (Stream<Path> walk = Files.walk(root)) {
            manifests = walk.filter(p -> p.getFileName().toString().equals("manifest.csv")).sorted().toList();
        }
        List<Item> items = new ArrayList<>();
        for (Path manifest : manifests) {
            Path dir = manifest.getParent();
            String source = dir.equals(root) ? "generated" : root.relativize(dir).toString();
            List<String> lines = Files.readAllLines(manifest);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", 5);
                String origin = cells.length > 4 ? cells[4].replaceAll("^\"|\"$", "") : "";
                items.add(new Item(dir.resolve(cells[0].trim()), Verdict.fromToken(cells[1]), cells[2].trim(), origin,
                        source));
            }
        }
        return new LabelledSet(items);
    }
}
