package dev.keel.spark;

import java.io.Serializable;

/**
 * A finished trial on its way from an executor to the driver: its trials.jsonl line and its trace in keel's
 * CSV format (the same bytes the store writes), or {@code null} when the trial failed before its first step.
 */
public record TrialPayload(String record, String trace) implements Serializable {
}
