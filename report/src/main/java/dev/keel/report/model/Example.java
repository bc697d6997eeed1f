package dev.keel.report.model;

/**
 * A trial drawn as an example: a top stable run, or a failure of one kind.
 *
 * @param trialId      the trial
 * @param anchor       its section in the page
 * @param outcome      its outcome
 * @param label        a short legend label, e.g. {@code t07 · val_loss 0.21}
 * @param caption      one line under the chart: the settings and, for failures, what was detected
 * @param curves       its curves at full chart resolution
 * @param detectedStep the step at which its verdict was evident, or {@code null}
 */
public record Example(String trialId, String anchor, Outcome outcome, String label, String caption,
                      TraceCurves curves, Long detectedStep) {
}
