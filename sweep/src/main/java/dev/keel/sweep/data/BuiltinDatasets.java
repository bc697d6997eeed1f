package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The datasets addressed as {@code builtin:NAME}: small real datasets shipped as CSV resources (copied from
 * scikit-learn 1.2.1's bundled copies, BSD-3), and seeded synthetic generators that provoke instability.
 */
final class BuiltinDatasets {
    /** A CSV resource under {@code dev/keel/sweep/data/builtin/}, with its own target and image layout. */
    record Shipped(String name, String target, ImageShape image) {
        byte[] bytes() {
            String path = "builtin/" + name + ".csv";
            try (InputStream in = BuiltinDatasets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("keel's jar lacks the resource " + path + "; rebuild it");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the resource " + path, e);
            }
        }
    }

    private static final Map<String, Shipped> SHIPPED = Stream.of(
                    new Shipped("iris", "species", null),
                    new Shipped("digits", "target", new ImageShape(1, 8, 8)),
                    new Shipped("breast_cancer", "target", null),
                    new Shipped("diabetes", "target", null))
            .collect(Collectors.toMap(Shipped::name, Function.identity()));

    private static final Map<String, SyntheticDataset> SYNTHETIC = Stream.<SyntheticDataset>of(
                    new TwoSpirals(), new IllConditionedRegression())
            .collect(Collectors.toMap(SyntheticDataset::name, Function.identity()));

    private BuiltinDatasets() {
    }

    static List<String> names() {
        TreeSet<String> names = new TreeSet<>(SHIPPED.keySet());
        names.addAll(SYNTHETIC.keySet());
        return List.copyOf(names);
    }

    static Optional<Shipped> shipped(String name) {
        return Optional.ofNullable(SHIPPED.get(name));
    }

    static Optional<SyntheticDataset> synthetic(String name) {
        return Optional.ofNullable(SYNTHETIC.get(name));
    }

    static BadInputException unknown(String name) {
        return new BadInputException("data.source names builtin:" + name + ", which keel does not have;"
                + " expected one of " + names().stream().map(n -> "builtin:" + n).collect(Collectors.joining(", ")));
    }
}
