package dev.keel.diagnose.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the rows of a printed log become steps. A printed step, iteration or global step is the step when it increases;
 * a step counted within each epoch ({@code Epoch [2/10], Step [100/600]}) is laid end to end; one row an epoch takes
 * the epoch; anything else is numbered in row order, with a note. A step or epoch that goes back means a second run in
 * the same file (a notebook cell run twice, a restart): the longest run is kept, with a note.
 */
final class PrintedSteps {
    /**
     * The rows of one run; the lines between {@code afterLine} (the previous run's last row, or 0) and {@code endLine}
     * (the next run's first row, or no limit) belong to it.
     */
    record Run(List<PrintedRecord> rows, int afterLine, int endLine, String note) {
        boolean holds(int line) {
            return line > afterLine && line < endLine;
        }
    }

    /**
     * The steps of a run's rows. {@code fromLog} when they are the log's own step numbers (a validation line with a
     * step then goes to the row of that step); {@code byEpoch} when they are its epochs.
     */
    record Numbering(long[] steps, boolean fromLog, boolean byEpoch, String note) {
    }

    private PrintedSteps() {
    }

    static Run longestRun(List<PrintedRecord> rows) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 1; i < rows.size(); i++) {
            if (startsAgain(rows.get(i - 1), rows.get(i))) {
                starts.add(i);
            }
        }
        starts.add(rows.size());
        int best = 0;
        for (int r = 1; r < starts.size() - 1; r++) {
            if (starts.get(r + 1) - starts.get(r) >= starts.get(best + 1) - starts.get(best)) {
                best = r; // on a tie the later run, the one the log ends with
            }
        }
        List<PrintedRecord> run = rows.subList(starts.get(best), starts.get(best + 1));
        int end = starts.get(best + 1) < rows.size() ? rows.get(starts.get(best + 1)).line() : Integer.MAX_VALUE;
        int after = best > 0 ? rows.get(starts.get(best) - 1).line() : 0;
        String note = null;
        int runs = starts.size() - 1;
        if (runs > 1) {
            note = String.format(Locale.ROOT, "the log holds %d runs (the steps or epochs start again at line %d):"
                    + " read the longest, %d rows from line %d to %d", runs, rows.get(starts.get(1)).line(),
                    run.size(), run.get(0).line(), run.get(run.size() - 1).line());
        }
        return new Run(run, after, end, note);
    }

    /**
     * A step that goes back while the epoch does not advance, or an epoch that goes back; in a table, whose rows are
     * one an epoch, also an epoch printed again (fastai's {@code fine_tune} prints a table for its frozen epoch, then
     * one for the rest, both from epoch 0).
     */
    private static boolean startsAgain(PrintedRecord before, PrintedRecord now) {
        Double e0 = before.get(Trace.EPOCH);
        Double e1 = now.get(Trace.EPOCH);
        if (e0 != null && e1 != null && (e1 < e0 || e1.equals(e0) && now.shape().startsWith("table:"))) {
            return true;
        }
        Double s0 = before.get(Trace.STEP);
        Double s1 = now.get(Trace.STEP);
        return s0 != null && s1 != null && s1 < s0 && !(e0 != null && e1 != null && e1 > e0);
    }

    static Numbering number(List<PrintedRecord> run) {
        int n = run.size();
        long[] steps = new long[n];
        if (all(run, Trace.STEP)) {
            for (int i = 0; i < n; i++) {
                steps[i] = run.get(i).get(Trace.STEP).longValue();
            }
            if (increasing(steps)) {
                return new Numbering(steps, true, false, null);
            }
            long total = run.get(0).stepTotal();
            if (all(run, Trace.EPOCH) && total > 0 && run.stream().allMatch(r -> r.stepTotal() == total)) {
                double first = run.get(0).get(Trace.EPOCH);
                for (int i = 0; i < n; i++) {
                    steps[i] = Math.round(run.get(i).get(Trace.EPOCH) - first) * total
                            + run.get(i).get(Trace.STEP).longValue();
                }
                if (increasing(steps)) {
                    return new Numbering(steps, false, false, String.format(Locale.ROOT,
                            "the step count starts again every epoch: step read as (epoch - %d) x %d + step",
                            Math.round(first), total));
                }
            }
        }
        if (all(run, Trace.EPOCH)) {
            boolean whole = true;
            for (int i = 0; i < n; i++) {
                double e = run.get(i).get(Trace.EPOCH);
                whole &= e == Math.rint(e);
                steps[i] = (long) e;
            }
            if (whole && increasing(steps)) {
                return new Numbering(steps, false, true, null);
            }
        }
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
        }
        String note = all(run, Trace.STEP) || all(run, Trace.EPOCH)
                ? "several loss lines an epoch and no step that keeps increasing: lines read in order, one step each"
                : "no step or epoch in the log: loss lines read in order, one step each";
        return new Numbering(steps, false, false, note);
    }

    private static boolean all(List<PrintedRecord> rows, String column) {
        return rows.stream().allMatch(r -> r.has(column));
    }

    private static boolean increasing(long[] steps) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
