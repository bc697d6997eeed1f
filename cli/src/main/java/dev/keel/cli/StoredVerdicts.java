package dev.keel.cli;

import dev.keel.diagnose.BadInputException;
import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.sweep.store.ResultStore;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;
import dev.keel.sweep.store.TrialsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code keel diagnose RUN_DIR} shows for a trial: the verdict its line of trials.jsonl holds, the one the sweep
 * recorded and the report shows, and not a second opinion from the trace alone. The two can differ: a pruned trial's
 * trace ends where the sweep stopped it and does not hold the pruner's evidence, and a store written by an older keel
 * was judged by that keel's classifier. When they differ a note says what the trace alone reads as, and why.
 */
final class StoredVerdicts {
    private final Map<String, TrialRecord> trials;
    private final boolean stored;

    private StoredVerdicts(Map<String, TrialRecord> trials, boolean stored) {
        this.trials = trials;
        this.stored = stored;
    }

    /** The lines of a result folder's trials.jsonl; none when the sweep has stored nothing yet. */
    static StoredVerdicts of(Path runDir) {
        if (!Files.exists(runDir.resolve(ResultStore.TRIALS))) {
            return new StoredVerdicts(Map.of(), false);
        }
        try {
            return new StoredVerdicts(TrialsFile.read(runDir).trials(), true);
        } catch (IOException e) {
            throw new BadInputException(runDir.resolve(ResultStore.TRIALS) + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A diagnosis to print, and the notes to print under it. */
    record Shown(Diagnosis diagnosis, List<String> notes) {
    }

    /**
     * @param traceFile   {@code traces/<id>.csv} of the folder
     * @param fromTrace   the trace's own diagnosis
     * @param traceNotes  how the trace was read
     */
    Shown show(Path traceFile, Diagnosis fromTrace, List<String> traceNotes) {
        String name = traceFile.getFileName().toString();
        String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        TrialRecord record = trials.get(id);
        List<String> notes = new ArrayList<>(traceNotes);
        if (record == null || record.verdict() == null) {
            if (stored) {
                notes.add(record == null
                        ? "not in trials.jsonl (a trial still running, or its line cut off by a kill): diagnosed from"
                        + " its trace"
                        : "trials.jsonl records this trial as failed (" + record.error() + "): diagnosed from its trace");
            }
            return new Shown(fromTrace, notes);
        }
        Diagnosis recorded = new Diagnosis(record.verdict(), record.confidence() == null ? 0 : record.confidence(),
                record.firstDetectedStep(), record.findings());
        if (recorded.verdict() != fromTrace.verdict()) {
            notes.add(String.format(Locale.ROOT, "the trace alone reads as %s (confidence %.2f); the verdict above is"
                    + " the one trials.jsonl and the report hold, %s", fromTrace.verdict().token(),
                    fromTrace.confidence(), why(record)));
        }
        return new Shown(recorded, notes);
    }

    private static String why(TrialRecord record) {
        if (record.status() == TrialStatus.PRUNED) {
            Long step = record.findings().stream()
                    .filter(f -> f.rule() == Rule.PRUNED_DIVERGING || f.rule() == Rule.PRUNED_MEDIAN)
                    .map(Finding::step).filter(s -> s != null).findFirst().orElse(record.firstDetectedStep());
            return "reached when the sweep stopped the trial" + (step == null ? "" : " at step " + step)
                    + ": its trace ends there and does not hold the pruner's evidence";
        }
        return "reached when the trial ended, by the keel that ran the sweep";
    }
}
