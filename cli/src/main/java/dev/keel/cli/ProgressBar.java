package dev.keel.cli;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.recommend.Recommender;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sweep's progress on stderr: on a terminal, one line redrawn in place (bar, trials done/total, verdict
 * counts, elapsed, ETA); elsewhere (a pipe, CI), one plain line per finished trial.
 */
final class ProgressBar implements Recommender.Growing {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private final List<String> knobs;
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    private int failed;
    private int total;
    private int done;
    private int doneBefore;
    private long startNanos;

    /** @param knobs the knobs the sweep varies, shown on plain per-trial lines */
    ProgressBar(PrintWriter err, boolean terminal, List<String> knobs) {
        this.err = err;
        this.terminal = terminal;
        this.knobs = List.copyOf(knobs);
    }

    /** Whether stderr is an interactive terminal that understands carriage returns. */
    static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public void started(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.doneBefore = alreadyDone;
        this.startNanos = System.nanoTime();
        if (alreadyDone > 0) {
            err.println("resuming: " + alreadyDone + " of " + total + " trials already stored");
        }
        if (terminal) {
            draw();
        }
        err.flush();
    }

    @Override
    public void grew(int total) {
        this.total = total;
        if (terminal) {
            draw();
            err.flush();
        }
    }

    @Override
    public void trialFinished(TrialRecord r) {
        done++;
        if (r.status() == TrialStatus.FAILED || r.verdict() == null) {
            failed++;
        } else {
            verdicts.merge(r.verdict(), 1, Integer::sum);
        }
        if (terminal) {
            draw();
        } else {
            err.println(String.format(Locale.ROOT, "[%d/%d] %s %s  %.1fs  %s", done, total, r.id(), outcome(r),
                    r.seconds(), Summary.paramsLine(r, knobs)));
        }
        err.flush();
    }

    @Override
    public void finished() {
        if (terminal) {
            draw();
            err.println();
        }
        err.flush();
    }

    static String outcome(TrialRecord r) {
        return switch (r.status()) {
            case FAILED -> "failed: " + r.error();
            case PRUNED -> r.verdict().token() + " (pruned" + (r.firstDetectedStep() != null
                    ? " at step " + r.firstDetectedStep() : "") + ")";
            case COMPLETED -> r.verdict().token();
        };
    }

    private void draw() {
        int filled = total == 0 ? WIDTH : (int) Math.round(WIDTH * (double) done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String counts = verdictCounts();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        int ranNow = done - doneBefore;
        String eta = ranNow == 0 || done >= total ? "" : "  eta " + clock(elapsed / ranNow * (total - done));
        err.print(String.format(Locale.ROOT, "\r[%s] %d/%d  %s  elapsed %s%s\u001b[K", bar, done, total, counts,
                clock(elapsed), eta));
    }

    private String verdictCounts() {
        String counts = verdicts.entrySet().stream().map(e -> e.getKey().token() + " " + e.getValue())
                .collect(Collectors.joining("  "));
        if (failed > 0) {
            counts += (counts.isEmpty() ? "" : "  ") + "failed " + failed;
        }
        return counts;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
