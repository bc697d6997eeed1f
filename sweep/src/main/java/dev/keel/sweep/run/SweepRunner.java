package dev.keel.sweep.run;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.trace.Trace;
import dev.keel.diagnose.trace.TraceReader;
import dev.keel.sweep.Versions;
import dev.keel.sweep.data.DataLoader;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.sampler.TrialQueue;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.RunFolder;
import dev.keel.sweep.store.RunLock;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs a sweep into a result store: plans it, runs what is missing on an executor, and appends each trial as
 * it finishes. Bad input (space, data) fails before anything is written; a trial's own failure is a line.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private SweepRunner() {
    }

    /** Starts a new sweep in {@code dir}, which must not hold one yet. */
    public static ResultStore start(SweepSpace space, Path dir, SweepExecutor executor, SweepProgress progress)
            throws IOException, InterruptedException {
        executor.prepare();
        return start(SweepSession.open(space), dir, executor, progress);
    }

    /** Starts a new sweep of a session's space and data in {@code dir}, which must not hold one yet. */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public static ResultStore start(SweepSession session, Path dir, SweepExecutor executor, SweepProgress progress)
            throws IOException, InterruptedException {
        SweepSpace space = session.space();
        TrialQueue queue = TrialQueue.of(space);
        SweepManifest manifest = new SweepManifest(space.name(), space.description(), space.toResolvedMap(),
                space.seed(), queue.total(), Versions.keel(), Versions.dl4j(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), summary(space, session.data()));
        try (RunLock lock = RunLock.acquire(dir)) {
            ResultStore store = ResultStore.create(dir, manifest);
            progress.dataLoaded(manifest.data());
            run(store, session, queue, executor, progress);
            return store;
        }
    }

    /**
     * Re-creates the plan from {@code dir}/sweep.json and runs only the trials missing from trials.jsonl. The folder
     * is locked first, so that two processes never run the same trials, and a folder that cannot be written fails
     * before a trial is trained.
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public static ResultStore resume(Path dir, SweepExecutor executor, SweepProgress progress)
            throws IOException, InterruptedException {
        RunFolder.checkRun(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            return resumeLocked(dir, executor, progress);
        }
    }

    private static ResultStore resumeLocked(Path dir, SweepExecutor executor, SweepProgress progress)
            throws IOException, InterruptedException {
        ResultStore store = ResultStore.open(dir);
        SweepSpace space = SweepSpace.fromResolvedMap(store.manifest().space(),
                dir.resolve(ResultStore.MANIFEST).toString());
        executor.prepare();
        SweepSession session = SweepSession.open(space);
        String stored = store.manifest().data() == null ? null : store.manifest().data().fingerprint();
        if (stored != null && !stored.equals(session.data().fingerprint())) {
            throw new BadInputException(dir.resolve(ResultStore.MANIFEST) + ": the data of " + space.data().source()
                    + " changed since this sweep started (fingerprint differs); resuming would mix results."
                    + " Start a new sweep instead");
        }
        progress.dataLoaded(summary(space, session.data()));
        // The sampler and the pruners learn the stored trials as if this run had stored them.
        TrialQueue queue = TrialQueue.resuming(space, store.trials());
        for (TrialRecord earlier : store.trials()) {
            session.stored(earlier, () -> storedTrace(store, earlier));
        }
        run(store, session, queue, executor, progress);
        return store;
    }

    /** A stored trial's trace, or null if it has none or it cannot be read (pruners then go on without it). */
    private static Trace storedTrace(ResultStore store, TrialRecord trial) {
        Path file = store.tracePath(trial.id());
        if (trial.status() == TrialStatus.FAILED || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return TraceReader.read(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot read the trace of a stored trial ({}); pruning goes on without it", file,
                    e.getMessage());
            return null;
        }
    }

    private static void run(ResultStore store, SweepSession session, TrialQueue queue, SweepExecutor executor,
                            SweepProgress progress) throws InterruptedException {
        progress.started(queue.total(), queue.total() - queue.remaining());
        HeapCompactor compactor = new HeapCompactor();
        boolean[] toldIdle = {false};
        try {
            executor.execute(queue, session, result -> {
                try {
                    if (store.append(result.record(), result.trace())) {
                        session.stored(result.record(), result::trace);
                        queue.stored(result.record());
                        progress.trialFinished(result.record());
                        compactor.trialStored();
                        if (!toldIdle[0] && !queue.hasNext() && queue.running() > 0) {
                            toldIdle[0] = true;
                            progress.noTrialLeftToStart(queue.running());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write to " + store.dir() + ": " + e.getMessage(), e);
                }
            });
        } finally {
            progress.finished();
        }
    }

    static DataSummary summary(SweepSpace space, PreparedData data) {
        return new DataSummary(data.source(), DataLoader.targetName(space.data()), data.task().token(), data.rows(),
                data.features(), data.classNames(), data.train().rows(), data.validation().rows(),
                data.test().rows(), data.fingerprint(), data.notes());
    }
}
