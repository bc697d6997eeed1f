package dev.keel.diagnose.live;

import dev.keel.diagnose.Diagnosis;
import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.stability.ChanceLevel;
import dev.keel.diagnose.stability.DivergenceMonitor;
import dev.keel.diagnose.stability.StabilityClassifier;
import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says when the verdict on a log that is still being written has become evident or has changed. Every verdict it
 * reports is the offline {@link StabilityClassifier}'s on the rows seen so far; what it adds is when to believe one.
 * On a short or young log the classifier's answer swings (a loss that has not fallen yet looks vanishing, a noisy
 * stretch oscillating, an early climb diverging), so a new verdict is reported once it has held:
 * <ul>
 *   <li>a divergence the {@link DivergenceMonitor} calls certain (a non-finite loss, an infinite gradient, a
 *       blow-up that has lasted 70 rows, parameters grown 1000x) at once;</li>
 *   <li>any other verdict from {@link #MIN_ROWS} rows on, once the classifier has given it on every row for
 *       {@link #MIN_HOLD_ROWS} rows or a quarter of the rows so far, whichever is more; twice that for a
 *       divergence that is not certain.</li>
 * </ul>
 * The rows alone decide what is reported and at which row, not how the reads of the file fell: the classifier is
 * asked on every row up to 100 and then every 1% of the rows ({@link #ROWS_PER_STRIDE}), and on the row where the
 * monitor became certain. So a log followed from its first row and the same log read when it was finished give the
 * same changes (docs/DIAGNOSIS.md, Following a log).
 *
 * <p>The holding rule was chosen by replaying the 537 labelled traces of {@code diagnose/src/test/resources/labelled}
 * row by row: it reports 1.4 changes a log on average, a divergence on 5 of the 413 logs the classifier does not
 * finally call diverging (the classifier said so on their rows at the time), and on all but one of the 124 it does
 * call diverging, the first divergence reported became evident at most 10 steps after the finished log's
 * {@code first_detected_step}; 104 of the 124 are reported before the log ends.
 */
public final class LiveDiagnosis {
    /** Rows a log needs before any verdict but a certain divergence is reported. */
    static final int MIN_ROWS = 30;
    /** Rows a new verdict must hold before it is reported, at least. */
    static final int MIN_HOLD_ROWS = 20;
    /** ... and the share of the rows so far it must hold for, when that is more. */
    static final double HOLD_SHARE = 0.25;
    /** A divergence the monitor has not made certain must hold this many times as long. */
    static final int DIVERGING_HOLD_FACTOR = 2;
    /** The classifier is asked on every row up to this many, then every 1/this of the rows. */
    static final int ROWS_PER_STRIDE = 100;

    private final ChanceLevel given;
    private final DivergenceMonitor monitor = new DivergenceMonitor();
    private int monitored;
    private int certainRow = -1;
    private int nextClassification = 1;

    private Diagnosis last;
    private int lastRows;
    private Verdict reported;
    private Verdict candidate;
    private int candidateRows;
    private long candidateStep;

    /** @param given the chance level the user gave, or {@link ChanceLevel#UNKNOWN} (as for {@code keel diagnose}) */
    public LiveDiagnosis(ChanceLevel given) {
        this.given = given;
    }

    /**
     * Observes the log as it stands: every row so far, the rows of earlier calls first and unchanged.
     *
     * @return the changes to report, oldest first (usually none)
     */
    public List<VerdictChange> observe(Trace soFar) {
        int n = soFar.size();
        watchForCertainDivergence(soFar, n);
        List<VerdictChange> changes = new ArrayList<>();
        while (true) {
            int k = nextClassification;
            if (certainRow > lastRows && certainRow < k) {
                k = certainRow;
            }
            if (k > n) {
                break;
            }
            classify(soFar, k).ifPresent(changes::add);
            if (k == nextClassification) {
                nextClassification = k + Math.max(1, k / ROWS_PER_STRIDE);
            }
        }
        return changes;
    }

    /**
     * The log has ended (no new rows for a while): what {@link #observe} reports, and then the classifier's verdict on
     * every row if it is not the one reported last, however briefly it has held.
     */
    public List<VerdictChange> end(Trace all) {
        List<VerdictChange> changes = observe(all);
        if (all.size() == 0) {
            return changes;
        }
        if (lastRows != all.size()) {
            classify(all, all.size()).ifPresent(changes::add);
        }
        if (last.verdict() != reported) {
            long start = candidate == last.verdict() ? candidateStep : all.steps()[all.size() - 1];
            changes.add(report(last, lastRows, start));
        }
        return changes;
    }

    /** The verdict reported last, if any. */
    public Optional<Verdict> reported() {
        return Optional.ofNullable(reported);
    }

    private Optional<VerdictChange> classify(Trace trace, int rows) {
        Diagnosis d = StabilityClassifier.classify(head(trace, rows), given);
        last = d;
        lastRows = rows;
        Verdict v = d.verdict();
        if (v == reported) {
            candidate = null;
            return Optional.empty();
        }
        if (v != candidate) {
            candidate = v;
            candidateRows = rows;
            candidateStep = trace.steps()[rows - 1];
        }
        boolean certain = v == Verdict.DIVERGING && certainRow > 0 && rows >= certainRow;
        int hold = Math.max(MIN_HOLD_ROWS, (int) (rows * HOLD_SHARE)) * (v == Verdict.DIVERGING ? DIVERGING_HOLD_FACTOR : 1);
        if (certain || rows >= MIN_ROWS && rows - candidateRows >= hold) {
            return Optional.of(report(d, rows, candidateStep));
        }
        return Optional.empty();
    }

    private VerdictChange report(Diagnosis d, int rows, long heldFrom) {
        reported = d.verdict();
        candidate = null;
        return new VerdictChange(d.firstDetectedStep() != null ? d.firstDetectedStep() : heldFrom, rows, d);
    }

    /** Feeds the rows not yet seen to the monitor, with the gradient and parameter norms where the log has them. */
    private void watchForCertainDivergence(Trace trace, int n) {
        if (monitored >= n || certainRow > 0) {
            monitored = Math.max(monitored, n);
            return;
        }
        Trace.Column loss = trace.loss();
        Trace.Column total = trace.column(Trace.TOTAL_GRAD_NORM).orElse(null);
        List<Trace.Column> grads = trace.columns().stream().filter(c -> Trace.GRAD_NORM.equals(c.kind()) && c.layer() != null).toList();
        List<Trace.Column> params = trace.columns().stream().filter(c -> Trace.PARAM_NORM.equals(c.kind()) && c.layer() != null).toList();
        for (int r = monitored; r < n; r++) {
            if (!loss.has(r)) {
                continue; // a row of validation alone, not a training step
            }
            double grad = total != null && total.has(r) ? total.get(r) : norm(grads, r);
            if (monitor.observe(trace.steps()[r], loss.get(r), grad, norm(params, r)).shouldStop()) {
                certainRow = r + 1;
                break;
            }
        }
        monitored = n;
    }

    /** The L2 norm over layers of a row's per-layer norms, or NaN where the row has none (not measured). */
    private static double norm(List<Trace.Column> layers, int row) {
        double sum = 0;
        boolean any = false;
        for (Trace.Column c : layers) {
            if (c.has(row)) {
                sum += c.get(row) * c.get(row);
                any = true;
            }
        }
        return any ? Math.sqrt(sum) : Double.NaN;
    }

    /** The first {@code rows} rows of a trace. */
    static Trace head(Trace trace, int rows) {
        if (rows == trace.size()) {
            return trace;
        }
        List<Trace.Column> columns = new ArrayList<>(trace.columns().size());
        for (Trace.Column c : trace.columns()) {
            columns.add(new Trace.Column(c.name(), Arrays.copyOf(c.values(), rows), c.present().get(0, rows)));
        }
        return new Trace(trace.metadata(), Arrays.copyOf(trace.steps(), rows), columns, trace.notes());
    }
}
