package dev.keel.report.model;

import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The largest learning rate that trained stably, for each value of a categorical knob (the optimiser
 * when it varied): where to stop when raising the learning rate.
 *
 * @param byKnob the categorical knob the limits are split by, or {@code null} for one limit over all trials
 * @param limits one per category, in axis order
 */
public record StableLimits(String byKnob, List<Limit> limits) {

    public StableLimits {
        limits = List.copyOf(limits);
    }

    /**
     * @param category           the category's label ({@code all trials} when not split)
     * @param trials             trials in this category with a learning rate
     * @param smallestTried      smallest learning rate tried
     * @param largestTried       largest learning rate tried
     * @param largestStable      the largest learning rate of a stable trial, or {@code null} if none was stable
     * @param largestStableTrial that trial's id
     * @param nextUnstable       the smallest learning rate above {@code largestStable} whose trial oscillated or
     *                           diverged, or {@code null}. Vanishing is left out: a rate too large shows as
     *                           swings or blow-ups, while vanishing comes from other knobs (activation, init)
     * @param nextUnstableOutcome that trial's outcome
     */
    public record Limit(String category, int trials, double smallestTried, double largestTried, Double largestStable,
                        String largestStableTrial, Double nextUnstable, Outcome nextUnstableOutcome) {

        /** One sentence a user can act on. */
        public String sentence() {
            String lr = "learning rate";
            if (largestStable == null) {
                return category + ": no stable run among " + trials + " trial" + (trials == 1 ? "" : "s")
                        + " (" + lr + " " + Format.number(smallestTried) + " to " + Format.number(largestTried) + ").";
            }
            String s = category + ": stable up to " + lr + " " + Format.number(largestStable);
            if (nextUnstable != null) {
                return s + "; the next larger rate tried, " + Format.number(nextUnstable) + ", was "
                        + nextUnstableOutcome.token() + ".";
            }
            if (largestStable >= largestTried) {
                return s + ", the largest rate tried: the limit may lie higher.";
            }
            return s + "; no larger rate oscillated or diverged.";
        }
    }

    /** Limits split by {@code byKnob} (or over all trials when it is {@code null}); empty if lr did not vary. */
    public static StableLimits of(SweepResults sweep, Knob byKnob) {
        Knob lr = sweep.knob(Knob.LEARNING_RATE);
        if (lr == null || !lr.varied() || !lr.numeric()) {
            return new StableLimits(null, List.of());
        }
        List<String> categories = byKnob == null ? List.of("all trials") : byKnob.categories();
        List<Limit> limits = new ArrayList<>();
        for (String category : categories) {
            List<TrialRecord> in = new ArrayList<>();
            for (TrialRecord t : sweep.trials()) {
                boolean member = byKnob == null || category.equals(Format.value(t.params().get(byKnob.name())));
                if (member && t.params().get(Knob.LEARNING_RATE) instanceof Number) {
                    in.add(t);
                }
            }
            if (!in.isEmpty()) {
                limits.add(limit(category, in));
            }
        }
        return new StableLimits(byKnob == null ? null : byKnob.name(), limits);
    }

    private static Limit limit(String category, List<TrialRecord> trials) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        Double largestStable = null;
        String largestStableTrial = null;
        for (TrialRecord t : trials) {
            double lr = lr(t);
            smallest = Math.min(smallest, lr);
            largest = Math.max(largest, lr);
            if (Outcome.of(t) == Outcome.STABLE && (largestStable == null || lr > largestStable)) {
                largestStable = lr;
                largestStableTrial = t.id();
            }
        }
        Double nextUnstable = null;
        Outcome nextOutcome = null;
        if (largestStable != null) {
            for (TrialRecord t : trials) {
                double lr = lr(t);
                if (tooLarge(Outcome.of(t)) && lr > largestStable && (nextUnstable == null || lr < nextUnstable)) {
                    nextUnstable = lr;
                    nextOutcome = Outcome.of(t);
                }
            }
        }
        return new Limit(category, trials.size(), smallest, largest, largestStable, largestStableTrial, nextUnstable,
                nextOutcome);
    }

    private static boolean tooLarge(Outcome o) {
        return o == Outcome.OSCILLATING || o == Outcome.DIVERGING;
    }

    private static double lr(TrialRecord t) {
        return ((Number) t.params().get(Knob.LEARNING_RATE)).doubleValue();
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }
}
