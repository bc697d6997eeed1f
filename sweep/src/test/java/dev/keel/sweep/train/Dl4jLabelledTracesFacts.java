package dev.keel.sweep.train;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a finished DL4J run measurably did, read off its own trace and metrics, and the check that a run's
 * construction argument held. The labels of {@link Dl4jLabelledTraces} are decided here and by the run's
 * construction, never by keel's classifier: the checks look at the run the way a person would (did the
 * weights run away, did the validation score stay at chance, did the full-batch loss keep coming back up),
 * with values fixed before the classifier was evaluated on the set.
 */
record Dl4jLabelledTracesFacts(
        int rows,
        double first,
        double best,
        double highest,
        double tail,
        double beforeTail,
        Long nonFiniteStep,
        double paramGrowth,
        double gradRatio,
        double deadTail,
        double saturatedTail,
        double valBest,
        double valLast,
        double chanceMetric,
        double chanceLoss,
        double flipCorrelation,
        double typicalFlip,
        int surges,
        boolean fullBatch,
        boolean classification,
        Epochs epochs,
        double referenceValBest) {

    /**
     * The averaged signals of a run, one value an epoch (for a full batch, one a step): the mean training loss of
     * the epoch's minibatches (epochs before the first non-finite loss), the validation loss and the validation
     * score.
     * Minibatch noise averages out of all three, so an oscillation is judged on them.
     */
    record Epochs(double[] trainMean, double[] valLoss, double[] valMetric) {
    }

    /** Rows in the running median that gives a "level" of the loss. */
    private static final int LEVEL = 5;
    /** A surge: the loss at least this many times the lowest of the previous {@link #SURGE_LOOKBACK} losses. */
    private static final double SURGE = 3;
    private static final int SURGE_LOOKBACK = 10;
    /** A swing of an averaged signal counts when it moves by this factor ... */
    private static final double SWING = 1.3;
    /** ... and by at least this share of the chance loss (so that ripples on a loss near zero do not count). */
    private static final double SWING_FLOOR = 0.05;

    static Dl4jLabelledTracesFacts of(TrialOutcome o, PreparedData data, boolean fullBatch) {
        return of(o, data, fullBatch, Double.NaN);
    }

    /** @param referenceValBest the best validation loss of the same net at its reference rate (NaN: none run) */
    static Dl4jLabelledTracesFacts of(TrialOutcome o, PreparedData data, boolean fullBatch, double referenceValBest) {
        Trace t = o.trace();
        Trace.Column lossColumn = t.loss();
        List<Double> finite = new ArrayList<>();
        Long nonFinite = null;
        for (int r = 0; r < t.size(); r++) {
            if (!lossColumn.has(r)) {
                continue;
            }
            double v = lossColumn.get(r);
            if (Double.isFinite(v)) {
                finite.add(v);
            } else if (nonFinite == null) {
                nonFinite = t.steps()[r];
            }
        }
        double[] loss = finite.stream().mapToDouble(Double::doubleValue).toArray();
        int n = loss.length;
        double best = Double.NaN;
        double highest = Double.NaN;
        for (int i = Math.min(LEVEL, n) - 1; i >= 0 && i < n; i++) {
            double level = median(loss, Math.max(0, i - LEVEL + 1), i + 1);
            best = Double.isNaN(best) ? level : Math.min(best, level);
            highest = Double.isNaN(highest) ? level : Math.max(highest, level);
        }
        int tailFrom = n - Math.max(Math.min(LEVEL, n), n / 5);
        double tail = n == 0 ? Double.NaN : median(loss, tailFrom, n);
        double beforeTail = n == 0 ? Double.NaN : median(loss, Math.max(0, tailFrom - n / 5), Math.max(1, tailFrom));
        double[] flips = secondHalfLogChanges(loss);
        double[] absFlips = Arrays.stream(flips).map(Math::abs).toArray();
        boolean classification = data.task() == Task.CLASSIFICATION;
        double[] val = present(t, Trace.VAL_METRIC);
        return new Dl4jLabelledTracesFacts(n, n == 0 ? Double.NaN : loss[0], best, highest, tail, beforeTail,
                nonFinite,
                paramGrowth(t), gradRatio(t), hiddenTail(t, Trace.DEAD_FRACTION),
                hiddenTail(t, Trace.SATURATED_FRACTION),
                Arrays.stream(val).filter(Double::isFinite).max().orElse(Double.NaN),
                val.length == 0 ? Double.NaN : val[val.length - 1],
                classification ? majorityShare(data.validation().targets()) : 0,
                classification ? priorEntropy(data.train().targets()) : 1,
                autocorrelation(flips), absFlips.length == 0 ? Double.NaN : median(absFlips, 0, absFlips.length),
                surges(loss), fullBatch, classification, epochs(t), referenceValBest);
    }

    /** Null when the run bears out its construction's label; otherwise why not. */
    String mismatch(Verdict label, double goodMetric) {
        return mismatch(label, goodMetric, false);
    }

    /**
     * Null when the run bears out its construction's label; otherwise why not.
     *
     * @param smoothValidation a stable run whose argument is "minibatch noise while validation falls smoothly":
     *                         its validation loss must not rise by more than 20% from one epoch to the next in
     *                         the second half
     */
    String mismatch(Verdict label, double goodMetric, boolean smoothValidation) {
        return switch (label) {
            case STABLE -> {
                String m = stableMismatch(goodMetric);
                if (m == null) {
                    m = settledMismatch();
                }
                yield m == null && smoothValidation ? smoothValidationMismatch() : m;
            }
            case DIVERGING -> divergingMismatch();
            case VANISHING -> vanishingMismatch();
            case OSCILLATING -> fullBatch ? oscillatingMismatch() : minibatchOscillationMismatch();
        };
    }

    private String stableMismatch(double goodMetric) {
        if (nonFiniteStep != null) {
            return "the loss became non-finite";
        }
        if (paramGrowth >= 10) {
            return "the weights grew " + fmt(paramGrowth) + "x";
        }
        if (tail > 0.6 * first) {
            return "the loss did not fall to 0.6 of its first value";
        }
        if (tail > 1.5 * beforeTail) {
            return "the loss rose " + fmt(tail / beforeTail) + "x over the last fifth of the run: it did not settle";
        }
        if (!(valLast >= goodMetric) || valLast < valBest - (classification ? 0.05 : 0.2)) {
            return "the validation score ended at " + fmt(valLast) + " (best " + fmt(valBest) + ", wanted >= "
                    + fmt(goodMetric) + " and near the best)";
        }
        if (fullBatch && surges > 0) {
            return "the full-batch loss surged " + surges + " times in the second half: it did not settle";
        }
        return null;
    }

    /**
     * A stable run settles: its validation loss and epoch-mean loss do not turn up and down by 30% swings (of at
     * least 5% of chance) three times or more in the second half, which is what an oscillating run must show. Added
     * with the verdict definitions of issue 12 (validation passes that keep bouncing are an oscillation); it drops
     * two of the first round's stable runs (full-batch SGD at 0.5 on spirals, whose validation loss flips by 25%
     * every step, and Adam with batches of 4 on iris).
     */
    private String settledMismatch() {
        int valTurns = valReversals();
        int meanTurns = fullBatch ? 0 : meanReversals();
        if (valTurns >= 3 || meanTurns >= 3) {
            return "in the second half the validation loss reversed " + valTurns + " times and the epoch-mean loss "
                    + meanTurns + " times by 30% swings (wanted < 3: settled)";
        }
        return null;
    }

    private String smoothValidationMismatch() {
        double rise = valMaxRise();
        if (!(rise <= 1.2)) {
            return "the validation loss rose " + fmt(rise) + "x from one epoch to the next in the second half"
                    + " (wanted <= 1.2: smooth)";
        }
        return null;
    }

    private String divergingMismatch() {
        boolean blewUp = nonFiniteStep != null || paramGrowth >= 100 || highest >= 3 * Math.max(first, chanceLoss)
                || collapsedToDeadUnits() || learntThenLost();
        if (!blewUp) {
            return "no NaN, no 100x weight growth, no loss 3x above the untrained one, no collapse to dead units,"
                    + " not back at chance after learning";
        }
        boolean lost = nonFiniteStep != null || tail >= first
                || (classification ? valLast <= chanceMetric + 0.1 : !(valLast > 0));
        return lost ? null : "the run ended better than an untrained model (validation " + fmt(valLast) + ")";
    }

    /**
     * Clearly below chance at some point (an epoch's mean loss at most 0.7 of it, validation 0.2 above chance),
     * then back at chance or above and staying there: over the last quarter of the epochs (at least two) every
     * epoch's mean loss is at least 0.9 of chance and validation is within 0.05 of chance.
     */
    boolean learntThenLost() {
        double[] m = epochs.trainMean();
        double[] v = epochs.valMetric();
        if (m.length < 4 || v.length < 4 || !(min(m) <= 0.7 * chanceLoss) || !(valBest >= chanceMetric + 0.2)) {
            return false;
        }
        int from = m.length - Math.max(2, m.length / 4);
        for (int i = from; i < m.length; i++) {
            if (!(m[i] >= 0.9 * chanceLoss)) {
                return false;
            }
        }
        for (int i = v.length - Math.max(2, v.length / 4); i < v.length; i++) {
            if (!(v[i] <= chanceMetric + 0.05)) {
                return false;
            }
        }
        return true;
    }

    /** Learnt something, then ended at chance with almost every unit of a layer dead. */
    private boolean collapsedToDeadUnits() {
        return classification && valBest >= 2 * chanceMetric && valLast <= chanceMetric + 0.05 && deadTail >= 0.9
                && tail >= 0.9 * chanceLoss;
    }

    /**
     * At chance and never clearly below it, judged on the averaged signals (however far the loss fell from an
     * untrained start to get there): validation within 0.05 of chance at every epoch, the last epoch's mean loss
     * within 5% of the chance loss, no epoch's mean loss below 0.95 of it, and no blow-up.
     */
    private String vanishingMismatch() {
        if (nonFiniteStep != null || paramGrowth >= 10) {
            return "the run blew up";
        }
        double[] m = epochs.trainMean();
        if (m.length == 0) {
            return "no epoch finished";
        }
        double secondHalfHighest = max(Arrays.copyOfRange(m, m.length / 2, m.length));
        if (secondHalfHighest > 1.5 * chanceLoss) {
            return "an epoch's mean loss in the second half was " + fmt(secondHalfHighest / chanceLoss)
                    + "x the chance level: not a stall";
        }
        if (!(valBest <= chanceMetric + 0.05)) {
            return "the validation score reached " + fmt(valBest) + " (chance " + fmt(chanceMetric)
                    + "): something was learnt";
        }
        double last = m[m.length - 1] / chanceLoss;
        if (Math.abs(last - 1) > 0.05) {
            return "the last epoch's mean loss was " + fmt(last) + "x the chance level (wanted within 5%)";
        }
        if (min(m) < 0.95 * chanceLoss) {
            return "an epoch's mean loss fell to " + fmt(min(m) / chanceLoss) + " of the chance level";
        }
        return null;
    }

    private String oscillatingMismatch() {
        if (nonFiniteStep != null || paramGrowth >= 100 || highest >= 3 * Math.max(first, chanceLoss)) {
            return "the run blew up";
        }
        if (tail >= first) {
            return "the loss ended above its first value: training was lost";
        }
        boolean flipping = flipCorrelation <= (fullBatch ? -0.8 : -0.65) && typicalFlip >= 0.05;
        boolean surging = fullBatch && surges >= 3;
        if (!flipping && !surging) {
            return "successive changes correlate " + fmt(flipCorrelation) + " with median change " + fmt(typicalFlip)
                    + ", and " + surges + " surges (wanted a period-2 flip or, on a full batch, >= 3 surges)";
        }
        return null;
    }

    /**
     * An oscillation of a minibatch run, judged on signals that average minibatch noise out: in the second half,
     * the validation loss or the epoch-mean training loss reverses at least 3 times by swings of 30% and 5% of
     * chance; the run neither blew up (no NaN, weights grown less than 100x, no epoch's mean loss 3x above chance
     * or the first epoch's) nor went back to chance; and the band it swings in is far above what the same net reaches at its reference rate (the
     * second half's lowest validation loss at least 1.5x the reference run's best).
     */
    private String minibatchOscillationMismatch() {
        double[] m = epochs.trainMean();
        if (nonFiniteStep != null || paramGrowth >= 100) {
            return "the run blew up (a non-finite loss or the weights grew " + fmt(paramGrowth) + "x)";
        }
        if (max(m) >= 3 * Math.max(m.length == 0 ? 0 : m[0], chanceLoss)) {
            return "an epoch's mean loss reached " + fmt(max(m) / chanceLoss) + "x the chance level: a blow-up";
        }
        if (tail >= first) {
            return "the loss ended above its first value: training was lost";
        }
        if (m.length == 0 || m[m.length - 1] >= 0.9 * chanceLoss
                || (classification ? valLast <= chanceMetric + 0.1 : valLast <= 0.1)) {
            return "it went back to chance (validation " + fmt(valLast) + ", last epoch's mean loss "
                    + fmt(m.length == 0 ? Double.NaN : m[m.length - 1] / chanceLoss) + "x chance)";
        }
        int valTurns = valReversals();
        int meanTurns = meanReversals();
        if (valTurns < 3 && meanTurns < 3) {
            return "in the second half the validation loss reversed " + valTurns + " times and the epoch-mean loss "
                    + meanTurns + " times by 30% swings (wanted >= 3)";
        }
        if (Double.isNaN(referenceValBest)) {
            return "no reference run to compare with";
        }
        double ratio = secondHalfValBest() / referenceValBest;
        if (!(ratio >= 1.5)) {
            return "its second half's best validation loss was " + fmt(ratio) + "x the reference rate's best"
                    + " (wanted >= 1.5: a band far above what the net reaches)";
        }
        return null;
    }

    int valReversals() {
        return reversals(secondHalf(epochs.valLoss()), SWING_FLOOR * chanceLoss);
    }

    int meanReversals() {
        return reversals(secondHalf(epochs.trainMean()), SWING_FLOOR * chanceLoss);
    }

    double secondHalfValBest() {
        return min(secondHalf(epochs.valLoss()));
    }

    /** Largest ratio of one epoch's validation loss to the previous one's, over the second half. */
    double valMaxRise() {
        double[] v = secondHalf(epochs.valLoss());
        double rise = Double.NaN;
        for (int i = 1; i < v.length; i++) {
            double r = v[i] / v[i - 1];
            rise = Double.isNaN(rise) ? r : Math.max(rise, r);
        }
        return rise;
    }

    /** The measured facts, for the manifest's origin column (no commas: the manifest splits on them). */
    String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "measured: %d steps; loss first %s best %s tail %s highest %s", rows, fmt(first), fmt(best), fmt(tail),
                fmt(highest)));
        if (nonFiniteStep != null) {
            sb.append("; non-finite from step ").append(nonFiniteStep);
        }
        sb.append("; weights x").append(fmt(paramGrowth));
        if (!Double.isNaN(gradRatio)) {
            sb.append("; grad first/last ").append(fmt(gradRatio));
        }
        if (deadTail > 0) {
            sb.append("; dead ").append(fmt(deadTail));
        }
        if (saturatedTail > 0) {
            sb.append("; saturated ").append(fmt(saturatedTail));
        }
        sb.append("; validation ").append(classification ? "accuracy" : "r2").append(" best ").append(fmt(valBest))
                .append(" last ").append(fmt(valLast)).append(" (chance ").append(fmt(chanceMetric)).append(')');
        sb.append(String.format(Locale.ROOT, "; second half: successive changes correlate %s; median change %s; %d surges",
                fmt(flipCorrelation), fmt(typicalFlip), surges));
        return sb.toString();
    }

    /**
     * {@link #summary()} and the averaged measurements the label's check used (for the manifest: none for the checks
     * that did not change, so those rows read as before).
     */
    String summary(Verdict label, boolean smoothValidation) {
        StringBuilder sb = new StringBuilder(summary());
        double[] m = epochs.trainMean();
        if (label == Verdict.VANISHING && m.length > 0) {
            sb.append("; epoch-mean loss min ").append(fmt(min(m) / chanceLoss)).append(" last ")
                    .append(fmt(m[m.length - 1] / chanceLoss)).append(" of chance ").append(fmt(chanceLoss));
        } else if (label == Verdict.OSCILLATING && !fullBatch) {
            sb.append("; second half: validation loss reversed ").append(valReversals())
                    .append(" times and epoch-mean loss ").append(meanReversals())
                    .append(" times by 30% swings; best validation loss ").append(fmt(min(epochs.valLoss())))
                    .append(" (second half ").append(fmt(secondHalfValBest())).append(") against ")
                    .append(fmt(referenceValBest)).append(" at the reference rate");
        } else if (label == Verdict.STABLE && smoothValidation) {
            sb.append("; validation loss rose at most ").append(fmt(valMaxRise()))
                    .append("x epoch to epoch in the second half");
        } else if (label == Verdict.DIVERGING && learntThenLost()) {
            sb.append("; epoch-mean loss fell to ").append(fmt(min(m) / chanceLoss))
                    .append(" of chance and ended at ").append(fmt(m[m.length - 1] / chanceLoss));
        }
        return sb.toString();
    }

    /** The averaged signals in brief, for the list of dropped runs. */
    String averaged() {
        double[] m = epochs.trainMean();
        return String.format(Locale.ROOT, "epochs: mean loss min %s last %s of chance %s; validation loss best %s last %s;"
                        + " second-half reversals: validation %d epoch-mean %d; validation rose at most %sx",
                fmt(min(m) / chanceLoss), fmt(m.length == 0 ? Double.NaN : m[m.length - 1] / chanceLoss),
                fmt(chanceLoss), fmt(min(epochs.valLoss())),
                fmt(epochs.valLoss().length == 0 ? Double.NaN : epochs.valLoss()[epochs.valLoss().length - 1]),
                valReversals(), meanReversals(), fmt(valMaxRise()))
                + (Double.isNaN(referenceValBest) ? "" : "; reference run's best validation loss "
                + fmt(referenceValBest));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    // ---- measurements ------------------------------------------------------------------------------------

    private static double[] present(Trace t, String column) {
        return t.column(column).map(c -> {
            List<Double> v = new ArrayList<>();
            for (int r = 0; r < t.size(); r++) {
                if (c.has(r)) {
                    v.add(c.get(r));
                }
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }).orElse(new double[0]);
    }

    /** Per-epoch means of the finite training losses (up to the first non-finite one) and the validation rows. */
    private static Epochs epochs(Trace t) {
        Trace.Column loss = t.loss();
        Trace.Column epoch = t.column(Trace.EPOCH).orElseThrow();
        List<Double> means = new ArrayList<>();
        double sum = 0;
        int count = 0;
        double current = Double.NaN;
        for (int r = 0; r < t.size(); r++) {
            if (!loss.has(r) || !epoch.has(r)) {
                continue;
            }
            double v = loss.get(r);
            if (!Double.isFinite(v)) {
                count = 0;
                break;
            }
            if (epoch.get(r) != current && count > 0) {
                means.add(sum / count);
                sum = 0;
                count = 0;
            }
            current = epoch.get(r);
            sum += v;
            count++;
        }
        if (count > 0) {
            means.add(sum / count);
        }
        return new Epochs(means.stream().mapToDouble(Double::doubleValue).toArray(), present(t, Trace.VAL_LOSS),
                present(t, Trace.VAL_METRIC));
    }

    private static double[] secondHalf(double[] v) {
        return Arrays.copyOfRange(v, v.length / 2, v.length);
    }

    /**
     * Reversals of a series: it is cut into alternating rises and falls, each at least {@link #SWING}x and
     * {@code floor} in size (a zig-zag: a new leg starts once the series has come back that far from the extreme
     * of the current one); the reversals are the legs less one. Non-finite values are skipped.
     */
    static int reversals(double[] series, double floor) {
        double[] x = Arrays.stream(series).filter(Double::isFinite).toArray();
        if (x.length < 2) {
            return 0;
        }
        double lo = x[0];
        double hi = x[0];
        double extreme = Double.NaN;
        int direction = 0;
        int legs = 0;
        for (int i = 1; i < x.length; i++) {
            double v = x[i];
            if (direction == 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                if (swing(lo, v, floor)) {
                    direction = 1;
                    legs = 1;
                    extreme = v;
                } else if (swing(v, hi, floor)) {
                    direction = -1;
                    legs = 1;
                    extreme = v;
                }
            } else if (direction > 0) {
                if (v > extreme) {
                    extreme = v;
                } else if (swing(v, extreme, floor)) {
                    direction = -1;
                    legs++;
                    extreme = v;
                }
            } else {
                if (v < extreme) {
                    extreme = v;
                } else if (swing(extreme, v, floor)) {
                    direction = 1;
                    legs++;
                    extreme = v;
                }
            }
        }
        return Math.max(0, legs - 1);
    }

    /** From {@code low} up to {@code high} is a swing. */
    private static boolean swing(double low, double high, double floor) {
        return high >= SWING * low && high - low >= floor;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** Largest total parameter norm over the first measured one (infinite once it is not finite). */
    private static double paramGrowth(Trace t) {
        double first = Double.NaN;
        double growth = 1;
        for (int r = 0; r < t.size(); r++) {
            double sum = 0;
            boolean measured = false;
            for (String layer : t.layers()) {
                var c = t.layerColumn(Trace.PARAM_NORM, layer);
                if (c.isPresent() && c.get().has(r)) {
                    sum += c.get().get(r) * c.get().get(r);
                    measured = true;
                }
            }
            if (!measured) {
                continue;
            }
            double total = Math.sqrt(sum);
            if (!Double.isFinite(total)) {
                return Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(first)) {
                first = total;
            } else {
                growth = Math.max(growth, total / first);
            }
        }
        return growth;
    }

    /** Median over the second half of the run of first-layer / last-layer gradient norm. */
    private static double gradRatio(Trace t) {
        List<String> layers = t.layers();
        if (layers.size() < 2) {
            return Double.NaN;
        }
        var firstLayer = t.layerColumn(Trace.GRAD_NORM, layers.get(0));
        var lastLayer = t.layerColumn(Trace.GRAD_NORM, layers.get(layers.size() - 1));
        if (firstLayer.isEmpty() || lastLayer.isEmpty()) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        for (int r = t.size() / 2; r < t.size(); r++) {
            if (firstLayer.get().has(r) && lastLayer.get().has(r) && lastLayer.get().get(r) > 0) {
                ratios.add(firstLayer.get().get(r) / lastLayer.get().get(r));
            }
        }
        double[] v = ratios.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        return v.length == 0 ? Double.NaN : median(v, 0, v.length);
    }

    /** The worst hidden layer's median of {@code kind} over the last fifth of the measured rows. */
    private static double hiddenTail(Trace t, String kind) {
        double worst = 0;
        for (String layer : t.layers()) {
            var c = t.layerColumn(kind, layer);
            if (c.isEmpty()) {
                continue;
            }
            List<Double> v = new ArrayList<>();
            for (int r = 0; r < t.size(); r++) {
                if (c.get().has(r) && Double.isFinite(c.get().get(r))) {
                    v.add(c.get().get(r));
                }
            }
            if (!v.isEmpty()) {
                double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
                worst = Math.max(worst, median(a, a.length - Math.max(1, a.length / 5), a.length));
            }
        }
        return worst;
    }

    /** Changes of ln(loss) from one step to the next over the second half (losses floored at 1e-12). */
    private static double[] secondHalfLogChanges(double[] loss) {
        int half = loss.length / 2;
        if (loss.length - half < 3) {
            return new double[0];
        }
        double[] d = new double[loss.length - half - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.log(Math.max(loss[half + i + 1], 1e-12)) - Math.log(Math.max(loss[half + i], 1e-12));
        }
        return d;
    }

    /** Separate times in the second half that the loss rose to {@link #SURGE}x the lowest of the previous few. */
    private static int surges(double[] loss) {
        int count = 0;
        boolean in = false;
        for (int i = Math.max(loss.length / 2, SURGE_LOOKBACK); i < loss.length; i++) {
            double low = Double.POSITIVE_INFINITY;
            for (int j = i - SURGE_LOOKBACK; j < i; j++) {
                low = Math.min(low, loss[j]);
            }
            boolean surge = loss[i] >= SURGE * Math.max(low, 1e-12);
            if (surge && !in) {
                count++;
            }
            in = surge;
        }
        return count;
    }

    private static double autocorrelation(double[] d) {
        if (d.length < 3) {
            return Double.NaN;
        }
        double mean = Arrays.stream(d).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < d.length; i++) {
            den += (d[i] - mean) * (d[i] - mean);
            if (i + 1 < d.length) {
                num += (d[i] - mean) * (d[i + 1] - mean);
            }
        }
        return den > 0 ? num / den : Double.NaN;
    }

    private static double majorityShare(double[] classes) {
        int[] counts = new int[1 + (int) Arrays.stream(classes).max().orElse(0)];
        for (double c : classes) {
            counts[(int) c]++;
        }
        return Arrays.stream(counts).max().orElse(0) / (double) Math.max(1, classes.length);
    }

    /** Cross-entropy of always predicting the training split's class shares: the loss of a model that learnt
     *  nothing but the priors. */
    private static double priorEntropy(double[] classes) {
        int[] counts = new int[1 + (int) Arrays.stream(classes).max().orElse(0)];
        for (double c : classes) {
            counts[(int) c]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) classes.length;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static double median(double[] v, int from, int to) {
        double[] c = Arrays.copyOfRange(v, from, to);
        Arrays.sort(c);
        int n = c.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }
}
