package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.Locale;

/**
 * The loss of a model that learnt nothing: the cross-entropy of predicting the class priors, or the mean squared
 * error of predicting the target's mean. A loss that ends there has learnt nothing, however far it fell to get
 * there (a saturated start falls a long way to the priors), so every verdict about learning is measured against
 * it. It comes from the trace's metadata (keel writes it), from what the user says ({@code keel diagnose
 * --classes K} or {@code --chance-loss X}), or from the loss itself where the evidence is clear (a loss pinned at
 * ln K for a whole K); otherwise it is unknown and the rules fall back on the run's own start.
 *
 * @param loss    the chance loss, NaN when unknown
 * @param source  where it came from
 * @param classes the number of classes when known, else 0
 */
public record ChanceLevel(double loss, Source source, int classes) {

    /** Where a chance level came from, in the words a finding uses. */
    public enum Source {
        METADATA("the trace's chance_loss"),
        GIVEN("--chance-loss"),
        CLASSES("ln K for K classes"),
        PINNED("the loss pinned at ln K"),
        PINNED_VARIANCE("the loss pinned at 1, the mean squared error of predicting a standardised target's mean"),
        ACCURACY("a validation accuracy stuck at 1/K"),
        FROZEN("the level where the loss froze while the rate was not zero: a network that predicts the same"
                + " for every example"),
        UNKNOWN("unknown");

        final String words;

        Source(String words) {
            this.words = words;
        }
    }

    public static final ChanceLevel UNKNOWN = new ChanceLevel(Double.NaN, Source.UNKNOWN, 0);

    /** A chance loss the user gives (e.g. {@code --chance-loss 0.25} for an MSE on balanced 0/1 targets). */
    public static ChanceLevel given(double loss) {
        if (!(loss > 0) || Double.isInfinite(loss)) {
            throw new IllegalArgumentException("a chance loss must be a positive number, was " + loss);
        }
        return new ChanceLevel(loss, Source.GIVEN, 0);
    }

    /** The cross-entropy of guessing uniformly among {@code classes} classes, ln K. */
    public static ChanceLevel ofClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier has at least 2 classes, was " + classes);
        }
        return new ChanceLevel(Math.log(classes), Source.CLASSES, classes);
    }

    public boolean known() {
        return source != Source.UNKNOWN;
    }

    /** What the trace's metadata says ({@code chance_loss}, else {@code classes}), or UNKNOWN. */
    static ChanceLevel fromMetadata(Trace trace) {
        String loss = trace.metadata().get(Trace.META_CHANCE_LOSS);
        String classes = trace.metadata().get(Trace.META_CLASSES);
        int k = parseClasses(classes);
        if (loss != null) {
            try {
                double v = Double.parseDouble(loss.trim());
                if (v > 0 && Double.isFinite(v)) {
                    return new ChanceLevel(v, Source.METADATA, k);
                }
            } catch (NumberFormatException e) {
                // not a number: as if absent
            }
        }
        return k >= 2 ? new ChanceLevel(Math.log(k), Source.CLASSES, k) : UNKNOWN;
    }

    private static int parseClasses(String classes) {
        if (classes == null) {
            return 0;
        }
        try {
            return Integer.parseInt(classes.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The class counts whose ln K a pinned loss is compared with: every K up to {@link Thresholds#PINNED_MAX_K},
     * where the values of ln K lie at least 2.5% apart, and the class counts of the common benchmarks above it
     * (CIFAR-100, ImageNet), where the grid of ln K would be too fine to say anything.
     */
    private static final int[] COMMON_LARGE_K = {100, 1000};

    /**
     * The whole K whose ln K the level sits at: no more than {@link Thresholds#PINNED_BELOW} below it (priors a little
     * off uniform give a little less) nor {@link Thresholds#PINNED_ABOVE} above it (a constant guess that is not quite
     * uniform costs a little more); the nearest such K, each side measured in its own tolerance, or 0.
     */
    static int nearestClassCount(double level) {
        if (!(level > 0)) {
            return 0;
        }
        int best = 0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int k = 2; k <= Thresholds.PINNED_MAX_K + COMMON_LARGE_K.length; k++) {
            int classes = k <= Thresholds.PINNED_MAX_K ? k : COMMON_LARGE_K[k - Thresholds.PINNED_MAX_K - 1];
            double lnK = Math.log(classes);
            double gap = (level - lnK) / lnK;
            // Each side in units of its own tolerance, so that a level just above ln K is not given to K + 1.
            double score = gap >= 0 ? gap / Thresholds.PINNED_ABOVE : -gap / Thresholds.PINNED_BELOW;
            if (score <= 1 && score < bestGap) {
                bestGap = score;
                best = classes;
            }
        }
        return best;
    }

    static ChanceLevel frozen(double level) {
        return new ChanceLevel(level, Source.FROZEN, 0);
    }

    static ChanceLevel pinned(int classes) {
        return new ChanceLevel(Math.log(classes), Source.PINNED, classes);
    }

    static ChanceLevel pinnedAtUnitVariance() {
        return new ChanceLevel(1.0, Source.PINNED_VARIANCE, 0);
    }

    /** Whether the level sits at 1 (the variance of a standardised target), with the tolerances of a pinned ln K. */
    static boolean atUnitVariance(double level) {
        double gap = level - 1.0;
        return gap >= 0 ? gap <= Thresholds.PINNED_ABOVE : -gap <= Thresholds.PINNED_BELOW;
    }

    /** "2.30 (ln 10)" or "0.659 (the trace's chance_loss)". */
    String describe() {
        String value = DiagnosisText.number(loss);
        return switch (source) {
            case CLASSES, PINNED -> value + " = ln " + classes;
            case ACCURACY -> value + " = ln " + classes + ", as its validation accuracy stuck at 1/" + classes + " says";
            case FROZEN -> value + ", where the loss froze";
            case PINNED_VARIANCE -> value + ", the variance of a standardised target, where the loss sat";
            default -> value + " (" + source.words + ")";
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "chance=%.4g(%s)", loss, source);
    }
}
