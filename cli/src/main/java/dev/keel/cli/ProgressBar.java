package dev.keel.cli;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.recommend.Recommender;
import dev.keel.sweep.store.DataSummary;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The sweep's progress on stderr: on a terminal, one line redrawn in place (bar, trials done/total, verdict
 * counts, elapsed, ETA) and ticking every second; elsewhere (a pipe, a file, CI), one plain line per finished
 * trial. Called by the thread that writes the store, by its own ticker, and by the shutdown hook of an
 * interrupted sweep, so every method that prints holds the lock.
 */
final class ProgressBar implements Recommender.Growing {
    private static final int WIDTH = 24;
    /** A failed trial's error on a plain line; trials.jsonl has all of it. */
    private static final int ERROR_CHARS = 120;
    /** ANSI: erase from the cursor to the end of the line. */
    private static final String ERASE_LINE = "\u001b[K";

    private final PrintWriter err;
    private final boolean terminal;
    private final List<String> knobs;
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    private int failed;
    private int total;
    private int done;
    private int doneBefore;
    private long startNanos;
    private boolean ended;
    private ScheduledExecutorService ticker;
    private boolean dataNotes = true;

    /** @param knobs the knobs the sweep varies, shown on plain per-trial lines */
    ProgressBar(PrintWriter err, boolean terminal, List<String> knobs) {
        this.err = err;
        this.terminal = terminal;
        this.knobs = List.copyOf(knobs);
    }

    /** This bar without the lines on how the data was read (they were printed already). */
    ProgressBar withoutDataNotes() {
        dataNotes = false;
        return this;
    }

    /**
     * Whether stderr, where progress goes, is an interactive terminal that understands carriage returns. On
     * Linux /proc says where stderr goes (System.console() only looks at stdin and stdout, so {@code 2>log}
     * would get carriage returns); elsewhere the console decides.
     */
    static boolean isTerminal() {
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb")) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(stderr).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /**
     * How the data was read (the task and why, imputed values, one-hot columns, the split), before the first trial:
     * a wrong guess is caught early.
     */
    @Override
    public synchronized void dataLoaded(DataSummary data) {
        if (data != null && dataNotes) {
            data.notes().forEach(n -> err.println("data: " + n));
            err.flush();
        }
    }

    @Override
    public synchronized void started(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.doneBefore = alreadyDone;
        this.startNanos = System.nanoTime();
        if (alreadyDone > 0) {
            err.println("resuming: " + alreadyDone + " of " + total + " trials already stored");
        }
        if (terminal) {
            draw();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "keel-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
        err.flush();
    }

    @Override
    public synchronized void grew(int total) {
        this.total = total;
        if (terminal) {
            draw();
            err.flush();
        }
    }

    @Override
    public synchronized void trialFinished(TrialRecord r) {
        done++;
        if (r.status() == TrialStatus.FAILED || r.verdict() == null) {
            failed++;
        } else {
            verdicts.merge(r.verdict(), 1, Integer::sum);
        }
        if (terminal) {
            if (r.status() == TrialStatus.FAILED) {
                // One line above the bar, which is redrawn below it.
                TerminalWriter.control(err, "\r");
                err.print(failedLine(r));
                TerminalWriter.control(err, ERASE_LINE);
                err.println();
            }
            draw();
        } else {
            err.println(String.format(Locale.ROOT, "[%d/%d %s%s] %s %s  %.1fs  %s", done, total, clock(elapsed()),
                    eta(" eta "), r.id(), outcome(r), r.seconds(), Summary.paramsLine(r, knobs))
                    + (r.status() == TrialStatus.FAILED ? "  (details in " + LogFiles.current() + ")" : ""));
        }
        err.flush();
    }

    /** A failed trial on a terminal: which, why in short, and where the stack trace is. */
    static String failedLine(TrialRecord r) {
        return "keel: trial " + r.id() + " failed: " + shorten(r.error()) + " (details in " + LogFiles.current() + ")";
    }

    @Override
    public synchronized void finished() {
        end();
    }

    /**
     * The sweep was interrupted (Ctrl-C): end the bar's line and say what is kept and how to go on. Trials in
     * flight are lost; every stored trial stays stored.
     */
    synchronized void interrupted(String runDir) {
        ended = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (terminal) {
            err.println(); // ends the bar's line, or the ^C the terminal echoed
        }
        err.println("keel: interrupted; " + done + " of " + total + " trials are stored in " + runDir
                + "; continue with: keel sweep --resume " + runDir);
        err.flush();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (terminal && total > 0) {
            draw();
            err.println();
        }
        err.flush();
    }

    private synchronized void tick() {
        if (!ended) {
            draw();
            err.flush();
        }
    }

    static String outcome(TrialRecord r) {
        return switch (r.status()) {
            case FAILED -> "failed: " + shorten(r.error());
            case PRUNED -> r.verdict().token() + " (pruned" + (r.firstDetectedStep() != null
                    ? " at step " + r.firstDetectedStep() : "") + ")";
            case COMPLETED -> r.verdict().token();
        };
    }

    private static String shorten(String error) {
        if (error == null) {
            return "(no message)";
        }
        return error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS - 1) + "…";
    }

    private void draw() {
        int filled = total == 0 ? WIDTH : (int) Math.round(WIDTH * (double) done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String counts = verdictCounts();
        TerminalWriter.control(err, "\r");
        err.print(String.format(Locale.ROOT, "[%s] %d/%d  %s  elapsed %s%s", bar, done, total, counts,
                clock(elapsed()), eta("  eta ")));
        TerminalWriter.control(err, ERASE_LINE);
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The time left at the pace of the trials run so far in this process, or "" before the first one. */
    private String eta(String prefix) {
        int ranNow = done - doneBefore;
        return ranNow == 0 || done >= total ? "" : prefix + clock(elapsed() / ranNow * (total - done));
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
