package dev.keel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.diagnose.DiagnosisJson;
import dev.keel.diagnose.Json;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.live.FollowedLog;
import dev.keel.diagnose.live.LiveDiagnosis;
import dev.keel.diagnose.live.VerdictChange;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.trace.Trace;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code keel diagnose --follow FILE}: follows a log another program is writing and prints one line each time the
 * verdict becomes evident or changes, {@code step N: VERDICT (confidence C): evidence}, flushed at once (or one JSON
 * object with {@code --json}). Nothing else goes to stdout: how the file is read (waiting for it, a new run in it, a
 * file that does not parse) goes to stderr as {@code keel: ...} lines. Ends on Ctrl-C, after {@code --idle} seconds
 * without new rows, or with exit code 3 when the {@code --exit-on} verdict is reported.
 */
final class LogFollower {
    /** How often the file is looked at: a change is printed within this of being written. */
    static final long POLL_MILLIS = 250;
    /** A file that does not parse for this long is not a rewrite in progress: say why, once. */
    static final long PROBLEM_MILLIS = 2_000;

    private final FollowedLog log;
    private final ChanceLevel given;
    private final boolean json;
    private final Double idleSeconds;
    private final Verdict exitOn;
    private final PrintWriter out;
    private final PrintWriter err;

    LogFollower(Path file, ChanceLevel given, boolean json, Double idleSeconds, Verdict exitOn, PrintWriter out,
                PrintWriter err) {
        this.log = new FollowedLog(file);
        this.given = given;
        this.json = json;
        this.idleSeconds = idleSeconds;
        this.exitOn = exitOn;
        this.out = out;
        this.err = err;
    }

    /** Follows until idle (exit 0), until the {@code --exit-on} verdict (exit 3), or until interrupted. */
    int run() throws InterruptedException {
        LiveDiagnosis live = new LiveDiagnosis(given);
        long lastRowsAt = System.nanoTime();
        int rows = 0;
        boolean saidAbsent = false;
        String problem = null;
        long problemSince = 0;
        boolean problemSaid = false;
        while (true) {
            FollowedLog.Snapshot s = log.read();
            if (s.state() == FollowedLog.State.ABSENT && !saidAbsent && rows == 0) {
                say("keel: " + log.file() + ": no such file yet; waiting for it");
                saidAbsent = true;
            }
            if (s.problem() == null || !s.problem().equals(problem)) {
                problem = s.problem();
                problemSince = System.nanoTime();
                problemSaid = false;
            } else if (!problemSaid && millisSince(problemSince) >= PROBLEM_MILLIS) {
                say("keel: " + problem + " (still following)");
                problemSaid = true;
            }
            if (s.state() == FollowedLog.State.RESTARTED) {
                say("keel: " + log.file() + ": the log starts again (truncated or replaced); following the new run");
                live = new LiveDiagnosis(given);
                rows = 0;
            }
            if (s.state() == FollowedLog.State.GROWN || s.state() == FollowedLog.State.RESTARTED) {
                if (s.trace().size() > rows) {
                    rows = s.trace().size();
                    lastRowsAt = System.nanoTime();
                }
                if (print(live.observe(s.trace()))) {
                    return ExitCodes.VERDICT_REACHED;
                }
            }
            if (idleSeconds != null && millisSince(lastRowsAt) >= idleSeconds * 1000) {
                Trace last = log.readToEnd().trace();
                return print(live.end(last)) ? ExitCodes.VERDICT_REACHED : ExitCodes.OK;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Prints the changes; whether one of them is the verdict to exit on. */
    private boolean print(List<VerdictChange> changes) {
        for (VerdictChange c : changes) {
            if (json) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("step", c.step());
                o.put("verdict", c.verdict().token());
                DiagnosisJson.number(o, "confidence", c.confidence());
                DiagnosisJson.findings(o.putArray("findings"), c.diagnosis().findings());
                out.println(DiagnosisJson.text(o));
            } else {
                out.println(line(c));
            }
            out.flush();
            if (c.verdict() == exitOn) {
                return true;
            }
        }
        return false;
    }

    /** {@code step N: VERDICT (confidence C): evidence}. */
    static String line(VerdictChange c) {
        return "step " + c.step() + ": " + c.verdict().token()
                + String.format(Locale.ROOT, " (confidence %.2f): ", c.confidence()) + c.evidence();
    }

    private void say(String line) {
        err.println(line);
        err.flush();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
