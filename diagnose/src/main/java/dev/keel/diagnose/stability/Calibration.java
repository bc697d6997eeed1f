package dev.keel.diagnose.stability;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The thresholds of the classifier that are chosen from labelled runs rather than given by a mechanism or the
 * literature (those are constants in {@link Thresholds}). Each is chosen leave-one-source-out: on every source of
 * the labelled corpus but one, for each source in turn, so that the figure reported for a source was never fitted
 * on it (docs/DIAGNOSIS.md). {@link #DEFAULT} is the choice on every development source together, rounded; the
 * grid of each is where the search looks.
 *
 * @param swingFloor      swings of averaged signals are measured on ln(loss + this × scale), scale being the chance
 *                        level (else the start): moves far below chance are not swings of the optimisation
 * @param swingSize       a reversal of the validation loss counts from this size (ln scale)
 * @param epochSwingSize  a reversal of the averaged training loss (epoch means, window means, averaged rows) counts
 *                        from this size (ln scale)
 * @param swingCount      ... and this many of them in the judged part make an oscillation
 * @param swingShare      ... and at least this share of the judged points turn so (swings that keep coming, not
 *                        two bad evaluations on a small validation set)
 * @param swingNoiseUnits ... and, for epoch means of minibatch rows when a validation loss is there to witness,
 *                        each at least this many times the noise its averaged values carry
 * @param learntLog       clearly below chance: the best level at least this far below it (ln)
 * @param chanceLog       at chance: the end within this of it (ln)
 * @param oversizedUpdate updates of at least this share of a layer's weights (median, second half) are oversized
 * @param bandOverBestLog ... and with them a second half whose level sits at least this far above the best (ln)
 *                        is bouncing, not settled
 * @param validationTurnNats a turn of the validation loss under threefold counts only if it moves the loss summed
 *                        over a validation set of known size by this many nats (its grain: 2 is about one example
 *                        going from right to confidently wrong)
 */
public record Calibration(double swingFloor, double swingSize, double epochSwingSize, int swingCount, double swingShare,
                          double swingNoiseUnits,
                          double learntLog, double chanceLog, double oversizedUpdate, double bandOverBestLog,
                          double validationTurnNats) {

    public static final Calibration DEFAULT = new Calibration(0.02, Math.log(1.15), Math.log(1.2), 3, 0.0, 2.0,
            Math.log(1.25), Math.log(1.1), 0.01, Math.log(2), 4.0);

    /** One fitted threshold: its name, the values the search tries, how to read and set it. */
    public record Knob(String name, double[] grid, ToDoubleFunction<Calibration> get,
                       BiFunction<Calibration, Double, Calibration> set) {
    }

    public static List<Knob> knobs() {
        return List.of(
                new Knob("swingFloor", new double[] {0.02, 0.05, 0.1, 0.2, 0.3}, Calibration::swingFloor,
                        (c, v) -> c.with(0, v)),
                new Knob("swingSize", logs(1.15, 1.2, 1.3, 1.5, 2, 3), Calibration::swingSize, (c, v) -> c.with(1, v)),
                new Knob("epochSwingSize", logs(1.1, 1.15, 1.2, 1.3, 1.5, 2, 3), Calibration::epochSwingSize,
                        (c, v) -> c.with(2, v)),
                new Knob("swingCount", new double[] {1, 2, 3, 4}, c -> c.swingCount, (c, v) -> c.with(3, v)),
                new Knob("swingShare", new double[] {0, 0.1, 0.2, 0.3, 0.4}, Calibration::swingShare,
                        (c, v) -> c.with(4, v)),
                new Knob("swingNoiseUnits", new double[] {1, 2, 3, 4, 6}, Calibration::swingNoiseUnits,
                        (c, v) -> c.with(5, v)),
                new Knob("learntLog", logs(1.1, 1.15, 1.25, 1.5, 2), Calibration::learntLog, (c, v) -> c.with(6, v)),
                new Knob("chanceLog", logs(1.02, 1.05, 1.1, 1.2), Calibration::chanceLog, (c, v) -> c.with(7, v)),
                new Knob("oversizedUpdate", new double[] {0.01, 0.02, 0.03, 0.05, 0.1, 1e9},
                        Calibration::oversizedUpdate, (c, v) -> c.with(8, v)),
                new Knob("bandOverBestLog", logs(1.2, 1.5, 2, 3), Calibration::bandOverBestLog,
                        (c, v) -> c.with(9, v)),
                new Knob("validationTurnNats", new double[] {0, 1, 2, 4, 8}, Calibration::validationTurnNats,
                        (c, v) -> c.with(10, v)));
    }

    /** A copy with the {@code index}-th threshold (in declaration order) set to {@code v}. */
    private Calibration with(int index, double v) {
        double[] a = {swingFloor, swingSize, epochSwingSize, swingCount, swingShare, swingNoiseUnits, learntLog,
            chanceLog, oversizedUpdate, bandOverBestLog, validationTurnNats};
        a[index] = v;
        return new Calibration(a[0], a[1], a[2], (int) Math.round(a[3]), a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    }

    private static double[] logs(double... ratios) {
        double[] out = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            out[i] = Math.log(ratios[i]);
        }
        return out;
    }
}
