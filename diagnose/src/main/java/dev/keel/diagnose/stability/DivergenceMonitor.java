package dev.keel.diagnose.stability;

import dev.keel.diagnose.Verdict;

/**
 * The online form of the classifier: fed one training step at a time, it says STOP as soon as divergence is
 * certain, so that a sweep can spend the time on other trials. It fires only on rules that the offline
 * {@link StabilityClassifier} applies the same way to the whole trace (a non-finite loss, gradient or
 * parameter norm; a blow-up of the loss; parameters grown by orders of magnitude), so it never stops a run
 * the classifier would call stable.
 *
 * <p>Cheap enough for every step: no allocation after construction, a few comparisons and one sort of five
 * numbers per call. Not thread-safe: one monitor per trial.
 */
public final class DivergenceMonitor {
    /** What the training loop should do after this step. */
    public enum Action { CONTINUE, STOP }

    /**
     * @param action  CONTINUE or STOP
     * @param verdict {@link Verdict#DIVERGING} when stopping, {@code null} otherwise
     * @param reason  one plain sentence when stopping, {@code null} otherwise
     * @param step    the step at which divergence became certain, or -1
     */
    public record Decision(Action action, Verdict verdict, String reason, long step) {
        /** The answer on almost every step; shared, so observing allocates nothing. */
        public static final Decision CONTINUE = new Decision(Action.CONTINUE, null, null, -1);

        public boolean shouldStop() {
            return action == Action.STOP;
        }
    }

    private final BlowUpDetector blowUp = new BlowUpDetector();
    private double firstParamNorm = Double.NaN;
    private Decision stopped;
    /** Losses seen, and whether every one so far was non-finite (the start's, perhaps: see below). */
    private int seen;
    private boolean onlyNonFinite = true;

    /** Observes a step for which only the loss is known. */
    public Decision observe(long step, double loss) {
        return observe(step, loss, Double.NaN, Double.NaN);
    }

    /**
     * Observes one training step.
     *
     * @param step      the step number (any increasing numbering)
     * @param loss      the training minibatch loss of this step (non-finite values allowed)
     * @param gradNorm  the total gradient L2 norm of this step, or NaN when not measured (NaN is the "not
     *                  measured" marker, so only an infinite norm stops a run; a NaN loss follows anyway)
     * @param paramNorm the total parameter L2 norm after this step, or NaN when not measured; pass the same
     *                  values that the trace records (the square root of the summed squares of the per-layer
     *                  {@code param_norm} columns) so that the offline verdict sees the same evidence
     * @return {@link Decision#CONTINUE}, or a STOP decision (and the same STOP on every later call)
     */
    public Decision observe(long step, double loss, double gradNorm, double paramNorm) {
        if (stopped != null) {
            return stopped;
        }
        seen++;
        if (!Double.isFinite(loss)) {
            // Non-finite losses in the first few rows followed by finite ones are the start's (a huge initialisation's
            // first cost), which the classifier leaves out: wait until the start is over before calling them lost.
            if (onlyNonFinite && seen <= Thresholds.NON_FINITE_START_ROWS) {
                return Decision.CONTINUE;
            }
            return stop(step, "the loss became " + DiagnosisText.number(loss) + " at step " + step);
        }
        onlyNonFinite = false;
        if (Double.isInfinite(gradNorm)) {
            return stop(step, "the gradient norm became infinite at step " + step);
        }
        if (Double.isInfinite(paramNorm)) {
            return stop(step, "the parameters became non-finite at step " + step);
        }
        if (blowUp.offer(loss)) {
            return stop(step, "the loss has stayed at " + DiagnosisText.times(blowUp.lastRatio())
                    + " its starting value or more (median of " + Thresholds.SMOOTHING_WINDOW + " steps) for "
                    + Thresholds.BLOW_UP_SUSTAINED_ROWS + " steps, by step " + step);
        }
        if (paramNorm > 0) {
            if (Double.isNaN(firstParamNorm)) {
                firstParamNorm = paramNorm;
            } else if (paramNorm >= Thresholds.PARAM_NORM_GROWTH * firstParamNorm) {
                return stop(step, "the parameter norm grew " + DiagnosisText.times(paramNorm / firstParamNorm)
                        + " since the start of training, by step " + step);
            }
        }
        return Decision.CONTINUE;
    }

    private Decision stop(long step, String reason) {
        stopped = new Decision(Action.STOP, Verdict.DIVERGING, reason, step);
        return stopped;
    }
}
