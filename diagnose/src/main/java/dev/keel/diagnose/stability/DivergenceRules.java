package dev.keel.diagnose.stability;

import dev.keel.diagnose.Finding;
import dev.keel.diagnose.Rule;
import dev.keel.diagnose.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Diverging: training was lost (docs/DESIGN.md, Verdicts): a blow-up, a non-finite loss after training began, or a
 * run that was clearly below its chance level and went back to it or above (explode-then-flat included).
 */
final class DivergenceRules {
    private DivergenceRules() {
    }

    /**
     * Every divergence rule that fires; the primary is the one seen first (earliest step), with the highest
     * confidence among them, and the others follow as further evidence.
     */
    static Optional<Primary> check(Evidence e) {
        List<Primary> fired = new ArrayList<>();
        nonFiniteLoss(e.curve()).ifPresent(fired::add);
        nonFiniteNorm(e.layers()).ifPresent(fired::add);
        // a loss that jumps fourfold and comes back, again and again, swings: its high rows are not a run lost
        boolean swings = e.roundTrips() >= Thresholds.SWING_ROUND_TRIPS;
        blowUp(e, swings).ifPresent(fired::add);
        explodeThenFlat(e.curve()).ifPresent(fired::add);
        backToChance(e).ifPresent(fired::add);
        stuckAboveChance(e).ifPresent(fired::add);
        if (!e.chance().known() && !swings) {
            lostProgress(e.loss()).or(() -> backToStart(e)).ifPresent(fired::add);
            endedAboveStart(e.curve()).ifPresent(fired::add);
        }
        paramGrowth(e.layers()).ifPresent(fired::add);
        if (fired.isEmpty()) {
            return Optional.empty();
        }
        fired.sort(Comparator.comparing(Primary::step, Comparator.nullsLast(Comparator.naturalOrder())));
        Primary first = fired.get(0);
        double confidence = fired.stream().mapToDouble(Primary::confidence).max().orElse(first.confidence());
        List<Finding> more = fired.subList(1, fired.size()).stream().map(Primary::finding).toList();
        return Optional.of(new Primary(Verdict.DIVERGING, confidence, first.step(), first.finding(), more));
    }

    private static Optional<Primary> nonFiniteLoss(LossCurve c) {
        if (c.firstNonFiniteStep != null) {
            return Optional.of(new Primary(Verdict.DIVERGING, c.endsNonFinite ? 1.0 : 0.9, c.firstNonFiniteStep,
                    new Finding(Rule.NON_FINITE_LOSS, null, c.firstNonFiniteStep, Double.NaN, Double.NaN,
                            "the loss became non-finite (NaN or infinite) at step " + c.firstNonFiniteStep
                                    + (c.endsNonFinite ? " and stayed so" : ""))));
        }
        return Optional.empty();
    }

    private static Optional<Primary> nonFiniteNorm(LayerEvidence layers) {
        Optional<LayerEvidence.LayerValue> badNorm = layers.firstNonFiniteNorm();
        if (badNorm.isPresent()) {
            LayerEvidence.LayerValue v = badNorm.get();
            return Optional.of(new Primary(Verdict.DIVERGING, 0.95, v.step(),
                    new Finding(Rule.NON_FINITE_GRADIENT, v.layer(), v.step(), v.value(), Double.NaN,
                            "a gradient or parameter norm" + (v.layer() == null ? "" : " of layer " + v.layer())
                                    + " became " + DiagnosisText.number(v.value()) + " at step " + v.step())));
        }
        return Optional.empty();
    }

    /**
     * The loss's level at or above {@link Thresholds#BLOW_UP_OF_START} times its start (and its untrained value)
     * for {@link Thresholds#BLOW_UP_SUSTAINED_ROWS} rows, or for fewer without ever recovering afterwards: getting
     * clearly below its chance level, or below half its start when chance is unknown. A shorter excursion after
     * which the run learns is a catapult, judged by what follows; one that falls back only to chance (a net whose
     * units the blow-up killed) was lost, unless the loss {@code swings} (its rows jump fourfold and come back again
     * and again): then the excursion is one of its swings.
     */
    private static Optional<Primary> blowUp(Evidence e, boolean swings) {
        LossCurve c = e.curve();
        double recovered = e.chance().known()
                ? Math.min(c.start, e.chance().loss()) * Math.exp(-e.calibration().learntLog())
                : c.start * Math.exp(-Thresholds.RECOVERED_LOG_BELOW_START);
        BlowUpDetector blowUp = new BlowUpDetector();
        int episode = -1;
        int length = 0;
        double peak = 0;
        for (int i = 0; i < c.raw.length; i++) {
            boolean above = blowUp.offerLevel(c.raw[i]);
            if (above) {
                if (episode < 0) {
                    episode = i;
                    length = 0;
                    peak = 0;
                }
                length++;
                peak = Math.max(peak, blowUp.lastRatio());
                if (length >= Thresholds.BLOW_UP_SUSTAINED_ROWS) {
                    return Optional.of(blownUp(c, episode, peak, true));
                }
            } else if (episode >= 0 && c.smooth[i] < recovered) {
                episode = -1;
            }
        }
        return episode >= 0 && !swings ? Optional.of(blownUp(c, episode, peak, false)) : Optional.empty();
    }

    private static Primary blownUp(LossCurve c, int episode, double ratio, boolean sustained) {
        long step = c.step[episode];
        return new Primary(Verdict.DIVERGING,
                Primary.confidence(0.8, Math.log(ratio / Thresholds.BLOW_UP_OF_START) / Math.log(4)), step,
                new Finding(Rule.LOSS_BLOW_UP, null, step, ratio, Thresholds.BLOW_UP_OF_START,
                        "from step " + step + " the loss rose to " + DiagnosisText.times(ratio)
                                + " its starting value (median of " + Thresholds.SMOOTHING_WINDOW + " steps) and "
                                + (sustained ? "stayed above " + DiagnosisText.times(Thresholds.BLOW_UP_OF_START)
                                + " it for " + Thresholds.BLOW_UP_SUSTAINED_ROWS + " rows"
                                : "never came back below its start") + ": the run is lost"));
    }

    /**
     * One loss orders of magnitude above the start (after the first rows, which a huge initialisation may own),
     * after which the level never came back below the start: a short per-epoch log of a net that exploded once and
     * then sat, dead, above where it began. The median-of-five blow-up rule cannot see one row.
     */
    private static Optional<Primary> explodeThenFlat(LossCurve c) {
        int n = c.size();
        int peak = -1;
        for (int i = 1; i < n; i++) {
            if (peak < 0 || c.value[i] > c.value[peak]) {
                peak = i;
            }
        }
        if (peak < 0 || peak >= n - 2) {
            return Optional.empty();
        }
        // The start, not the lowest point before the peak: a converged minibatch loss of 1e-4 that one hard batch lifts
        // to 0.1 has not exploded. A run whose first rows are huge and falling (a huge initialisation) starts high.
        double start = c.start;
        if (c.value[peak] < Thresholds.EXPLODE_OF_START * start) {
            return Optional.empty();
        }
        double after = Double.POSITIVE_INFINITY;
        for (int i = peak + 1; i < n; i++) {
            after = Math.min(after, c.smooth[i]);
        }
        if (after < start) {
            return Optional.empty();
        }
        double ratio = c.value[peak] / start;
        return Optional.of(new Primary(Verdict.DIVERGING, 0.9, c.step[peak],
                new Finding(Rule.EXPLODE_THEN_FLAT, null, c.step[peak], ratio, Thresholds.EXPLODE_OF_START,
                        "at step " + c.step[peak] + " the loss jumped to " + DiagnosisText.times(ratio)
                                + " its start and never came back below its start afterwards: training was lost")));
    }

    /**
     * The run got clearly below its chance level, then went back to it (or above) and stayed: whatever it had learnt
     * is gone, the dead-network return of oversized steps as much as a slow climb.
     */
    private static Optional<Primary> backToChance(Evidence e) {
        if (!e.learnt() || !e.endsAtChance()) {
            return Optional.empty();
        }
        double chance = e.chance().loss();
        double line = chance * Math.exp(-e.calibration().chanceLog());
        Series s = e.signals().training;
        Long since = null;
        for (int i = 0; i < s.size(); i++) {
            since = s.value()[i] >= line ? (since == null ? s.step()[i] : since) : null;
        }
        double best = e.best();
        double learnt = Math.log(chance / best);
        return Optional.of(new Primary(Verdict.DIVERGING, Primary.confidence(0.75, learnt / Math.log(4)), since,
                new Finding(Rule.BACK_TO_CHANCE, null, since, e.end() / best, Math.exp(e.calibration().learntLog()),
                        "the run had learnt (its loss got down to " + DiagnosisText.number(best) + ", "
                                + DiagnosisText.times(chance / best) + " below its chance level "
                                + e.chance().describe() + ")" + (since == null ? "" : ", then from step " + since)
                                + " went back to " + DiagnosisText.number(e.end())
                                + " and stayed: what it had learnt is lost")));
    }

    /** Ended far above its chance level and no longer improving: its outputs saturated on the wrong answers. */
    private static Optional<Primary> stuckAboveChance(Evidence e) {
        if (!e.chance().known() || e.end() < Thresholds.STUCK_OVER_CHANCE * e.chance().loss()
                || !VanishingRules.stoppedImproving(e.loss())) {
            return Optional.empty();
        }
        double ratio = e.end() / e.chance().loss();
        long step = e.curve().step[e.curve().tailStart()];
        return Optional.of(new Primary(Verdict.DIVERGING, Primary.confidence(0.75, Math.log(ratio / 2.5)), step,
                new Finding(Rule.STUCK_ABOVE_CHANCE, null, step, ratio, Thresholds.STUCK_OVER_CHANCE,
                        "the loss ended at " + DiagnosisText.number(e.end()) + ", " + DiagnosisText.times(ratio)
                                + " its chance level " + e.chance().describe() + ", and stopped moving: worse than"
                                + " any guess, the outputs saturated on wrong answers")));
    }

    /** Without a chance level: the whole last fifth at least {@link Thresholds#ENDED_OVER_START} times the start. */
    private static Optional<Primary> endedAboveStart(LossCurve c) {
        int from = c.tailStart();
        if (c.size() < Thresholds.START_WINDOW || from < 1) {
            return Optional.empty();
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = from; i < c.size(); i++) {
            lowest = Math.min(lowest, c.smooth[i]);
        }
        double ratio = lowest / c.start;
        if (ratio < Thresholds.ENDED_OVER_START) {
            return Optional.empty();
        }
        Long since = null;
        for (int i = 0; i < c.size(); i++) {
            since = c.smooth[i] >= Thresholds.ENDED_OVER_START * c.start ? (since == null ? c.step[i] : since) : null;
        }
        return Optional.of(new Primary(Verdict.DIVERGING, Primary.confidence(0.7, Math.log(ratio / 2) / Math.log(4)),
                since, new Finding(Rule.LOST_PROGRESS, null, since, ratio, Thresholds.ENDED_OVER_START,
                "from step " + since + " the loss stayed at " + DiagnosisText.times(ratio)
                        + " or more of where it began, to the end: training was lost")));
    }

    /**
     * Without a chance level the start stands in for it (a start is at chance or above it): a run whose averaged loss
     * got a third below its start and went back to it or above, to the end (the back stretch reaching the end), lost
     * what it had learnt. Judged on the averaged signal, so that a lucky streak of minibatches is not "learnt".
     */
    private static Optional<Primary> backToStart(Evidence e) {
        LossFeatures f = e.loss();
        Series s = e.signals().training;
        if (s.size() < Thresholds.START_WINDOW || f.backSince == null || !(f.start > 0)) {
            return Optional.empty();
        }
        double best = s.min();
        double end = s.tail(Thresholds.TAIL_FRACTION);
        if (Math.log(f.start / best) < Thresholds.STALL_LOG_IMPROVEMENT || end < f.start) {
            return Optional.empty();
        }
        return Optional.of(new Primary(Verdict.DIVERGING, Primary.confidence(0.6, Math.log(end / f.start) / Math.log(2)),
                f.backSince, new Finding(Rule.LOST_PROGRESS, null, f.backSince, end / f.start, 1.0,
                "the run had learnt (its " + s.what() + " got to " + DiagnosisText.number(best) + ", "
                        + DiagnosisText.times(best / f.start) + " its start), then from step " + f.backSince
                        + " went back to its start or above and stayed (it ended at " + DiagnosisText.number(end)
                        + "): what it had learnt is lost")));
    }

    private static Optional<Primary> lostProgress(LossFeatures f) {
        boolean gaveBack = f.lostShare >= Thresholds.LOST_SHARE_OF_PROGRESS;
        String gaveUp = " giving up " + DiagnosisText.progressGivenUp(f.lostShare);
        if (gaveBack && f.lostSince != null && f.tailOverBest >= Thresholds.LOST_OF_BEST) {
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.7, Math.log(f.tailOverBest / Thresholds.LOST_OF_BEST) / Math.log(10)),
                    f.lostSince,
                    new Finding(Rule.LOST_PROGRESS, null, f.lostSince, f.tailOverBest, Thresholds.LOST_OF_BEST,
                            "from step " + f.lostSince + " the loss jumped to " + DiagnosisText.times(f.tailOverBest)
                                    + " its best level and never came back," + gaveUp)));
        }
        if (gaveBack && f.backSince != null && f.learntFromUntrained >= Thresholds.STALL_LOG_IMPROVEMENT
                && f.tailFlatness <= Thresholds.DEAD_LOSS_FLATNESS) {
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.7, 1 - f.tailFlatness / Thresholds.DEAD_LOSS_FLATNESS),
                    f.backSince,
                    new Finding(Rule.DEAD_LOSS, null, f.backSince, f.tailFlatness, Thresholds.DEAD_LOSS_FLATNESS,
                            "the run had learnt, then from step " + f.backSince + " the loss went back up to "
                                    + DiagnosisText.times(f.tailOverBest) + " its best level and went flat (its"
                                    + " step-to-step changes shrank to " + DiagnosisText.percent(f.tailFlatness)
                                    + " of what they were): a dead network," + gaveUp)));
        }
        if (f.lostSince != null && f.climbingEndOverBest >= Thresholds.LOST_OF_BEST
                && f.climbingEndLostShare >= Thresholds.CLIMBING_LOST_SHARE) {
            // The same thresholds on where the log ended rather than on the tail's median, which lags a loss that is
            // still rising when the log stops (a run cut off while it blows up).
            return Optional.of(new Primary(Verdict.DIVERGING,
                    Primary.confidence(0.6, Math.log(f.climbingEndOverBest / Thresholds.LOST_OF_BEST) / Math.log(10)),
                    f.lostSince,
                    new Finding(Rule.STILL_CLIMBING, null, f.lostSince, f.climbingEndOverBest, Thresholds.LOST_OF_BEST,
                            "from step " + f.lostSince + " the loss climbed to " + DiagnosisText.times(f.climbingEndOverBest)
                                    + " its best level and was still rising when the log ended, giving up "
                                    + DiagnosisText.progressGivenUp(f.climbingEndLostShare))));
        }
        return Optional.empty();
    }

    private static Optional<Primary> paramGrowth(LayerEvidence layers) {
        Optional<LayerEvidence.LayerValue> growth = layers.paramNormGrowth(Thresholds.PARAM_NORM_GROWTH);
        if (growth.isPresent() && growth.get().value() >= Thresholds.PARAM_NORM_GROWTH) {
            LayerEvidence.LayerValue g = growth.get();
            return Optional.of(new Primary(Verdict.DIVERGING, 0.85, g.step(),
                    new Finding(Rule.PARAM_NORM_GROWTH, null, g.step(), g.value(), Thresholds.PARAM_NORM_GROWTH,
                            "the parameter norm grew " + DiagnosisText.times(g.value())
                                    + " over the run: the weights are running away")));
        }
        return Optional.empty();
    }
}
