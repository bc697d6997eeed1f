package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The labelled traces: every {@code manifest.csv} under {@code src/test/resources/labelled} (columns file,
 * label, family, split, origin; file relative to the manifest's folder). A row with an empty split is
 * assigned one here: within each manifest and label, rows sorted by file alternate calibration, held-out.
 * So traces added later (e.g. made by keel's DL4J trainer, in their own folder with their own manifest) join
 * the evaluation with no code change.
 */
public record LabelledSet(List<Item> items) {
    static final Path ROOT = Path.of("src/test/resources/labelled");

    /**
     * @param source the folder of the item's manifest under the labelled root ({@code dl4j} for the traces of
     *               keel's own trainer), or {@code generated} for the root manifest's theory and synthetic traces
     */
    public record Item(Path file, Verdict label, String family, boolean heldOut, String origin, String source) {
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
            items.addAll(read(root, manifest));
        }
        return new LabelledSet(items);
    }

    private static List<Item> read(Path root, Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        record Row(String file, Verdict label, String family, String split, String origin) {
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", 5);
            String origin = cells.length > 4 ? cells[4].replaceAll("^\"|\"$", "") : "";
            rows.add(new Row(cells[0].trim(), Verdict.fromToken(cells[1]), cells[2].trim(), cells[3].trim(), origin));
        }
        Map<Verdict, List<Row>> unassigned = new TreeMap<>();
        for (Row r : rows) {
            if (r.split().isEmpty()) {
                unassigned.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Boolean> assigned = new TreeMap<>();
        for (List<Row> group : unassigned.values()) {
            group.sort(Comparator.comparing(Row::file));
            for (int i = 0; i < group.size(); i++) {
                assigned.put(group.get(i).file(), i % 2 == 1);
            }
        }
        List<Item> items = new ArrayList<>();
        Path dir = manifest.getParent();
        String source = dir.equals(root) ? "generated" : root.relativize(dir).toString();
        for (Row r : rows) {
            boolean heldOut = r.split().isEmpty() ? assigned.get(r.file()) : r.split().equals("held-out");
            items.add(new Item(dir.resolve(r.file()), r.label(), r.family(), heldOut, r.origin(), source));
        }
        return items;
    }

    List<Item> calibration() {
        return items.stream().filter(i -> !i.heldOut()).toList();
    }

    List<Item> heldOut() {
        return items.stream().filter(Item::heldOut).toList();
    }
}
