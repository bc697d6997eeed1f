package dev.keel.sweep.store;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What sweep.json records about the data: enough for the report's header and for provenance. */
public record DataSummary(
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("task") String task,
        @JsonProperty("rows") int rows,
        @JsonProperty("features") int features,
        @JsonProperty("classes") List<String> classes,
        @JsonProperty("train_rows") int trainRows,
        @JsonProperty("validation_rows") int validationRows,
        @JsonProperty("test_rows") int testRows,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("notes") List<String> notes) {
    public DataSummary {
        classes = classes == null ? List.of() : List.copyOf(classes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * The rows a metric counts, when it moves in steps of one row: an accuracy on the validation or test split.
     * 0 for any other metric (a loss or an F1 has no such step).
     */
    public int rowsCounted(String metric) {
        return switch (metric) {
            case "val_accuracy" -> validationRows;
            case "test_accuracy" -> testRows;
            default -> 0;
        };
    }
}
