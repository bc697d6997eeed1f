package dev.keel.diagnose.live;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;

/**
 * A verdict that became evident, or changed, while a log was being written.
 *
 * @param step      the step at which it became evident: the diagnosis's first detected step, or for a stable
 *                  verdict (which has none) the step of the row from which the classifier has said so
 * @param rows      how many rows of the log the diagnosis was made on
 * @param diagnosis the offline classifier's diagnosis of those rows
 */
public record VerdictChange(long step, int rows, Diagnosis diagnosis) {
    public Verdict verdict() {
        return diagnosis.verdict();
    }

    public double confidence() {
        return diagnosis.confidence();
    }

    /** The primary finding in plain words, or what a stable run without findings shows. */
    public String evidence() {
        return diagnosis.findings().isEmpty() ? "nothing unusual: the loss falls and settles"
                : diagnosis.findings().get(0).message();
    }
}
