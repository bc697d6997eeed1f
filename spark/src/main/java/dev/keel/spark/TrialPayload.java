package dev.keel.spark;

import dev.keel.diagnose.trace.Trace;

import java.io.Serializable;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A finished trial on its way from an executor to the driver: its trials.jsonl line, and its trace column by
 * column ({@code null} when the trial failed before its first step).
 *
 * <p>The trace travels as its raw arrays rather than as CSV text, so the driver stores exactly the trace
 * the local executor would have stored: a CSV round trip would lose metadata values that hold spaces.
 */
public record TrialPayload(String record, Metadata metadata, long[] steps, List<Column> columns)
        implements Serializable {

    static TrialPayload of(String record, Trace trace) {
        if (trace == null) {
            return new TrialPayload(record, null, null, null);
        }
        List<Column> columns = trace.columns().stream()
                .map(c -> new Column(c.name(), c.values(), c.present()))
                .toList();
        return new TrialPayload(record, new Metadata(new LinkedHashMap<>(trace.metadata())), trace.steps(), columns);
    }

    /** The trace as the executor recorded it, or {@code null}. */
    Trace trace() {
        if (steps == null) {
            return null;
        }
        return new Trace(metadata.entries(), steps,
                columns.stream().map(c -> new Trace.Column(c.name(), c.values(), c.present())).toList());
    }

    /** The {@code # key=value} lines in their order (a LinkedHashMap keeps it through serialisation). */
    record Metadata(LinkedHashMap<String, String> entries) implements Serializable {
    }

    /** One trace column: values, and which rows hold one. */
    record Column(String name, double[] values, BitSet present) implements Serializable {
    }
}
