package dev.keel.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Spark's job-abort message into the one line a failed trial records. */
final class TaskFailure {
    /** Spark's wording since 1.x: "Task 0 in stage 3.0 failed 2 times, most recent failure: Lost task 0.1 in
     * stage 3.0 (TID 5) (host executor 1): java.lang.IllegalStateException: boom". */
    private static final Pattern ABORTED = Pattern.compile(
            "failed (\\d+) times?, most recent failure: "
                    + "Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\(([^)]*)\\): (.*)");

    private TaskFailure() {
    }

    /** Whether the job failed because its task failed every attempt, as opposed to Spark giving up on it. */
    static boolean isTrialFailure(Throwable failure) {
        return ABORTED.matcher(firstLine(failure)).find();
    }

    static String describe(Throwable failure) {
        String message = firstLine(failure);
        Matcher m = ABORTED.matcher(message);
        if (m.find()) {
            String attempts = m.group(1).equals("1") ? "1 attempt" : m.group(1) + " attempts";
            return "failed on Spark (" + m.group(2) + ") after " + attempts + ": " + m.group(3);
        }
        return "failed on Spark: " + message;
    }

    static String firstLine(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return text.lines().findFirst().orElse(text).strip();
    }
}
