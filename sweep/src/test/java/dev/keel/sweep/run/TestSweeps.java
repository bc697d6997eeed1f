package dev.keel.sweep.run;

import dev.keel.diagnose.Json;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.space.SpaceParser;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.TrialRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Small spaces on tiny data, and what the run tests check in a store. */
final class TestSweeps {
    private TestSweeps() {
    }

    /** Writes {@code yaml} to {@code dir/name.yaml} and parses it as {@code keel sweep} would. */
    static SweepSpace space(Path dir, String name, String yaml) {
        try {
            Files.createDirectories(dir);
            return SpaceParser.parse(Files.writeString(dir.resolve(name + ".yaml"), yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of trials.jsonl parsed; a line that does not parse fails the test. */
    static List<TrialRecord> lines(Path store) throws IOException {
        List<TrialRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(store.resolve("trials.jsonl"))) {
            records.add(Json.mapper().readValue(line, TrialRecord.class));
        }
        return records;
    }

    /** An executor that runs trials locally and remembers which trials it ran. */
    static final class Recording implements SweepExecutor {
        final List<String> ran = new CopyOnWriteArrayList<>();
        private final SweepExecutor inner;

        Recording(SweepExecutor inner) {
            this.inner = inner;
        }

        @Override
        public void execute(TrialQueue trials, SweepSession session, Consumer<TrialResult> sink)
                throws InterruptedException {
            inner.execute(trials, session, result -> {
                ran.add(result.record().id());
                sink.accept(result);
            });
        }
    }
}
