package dev.keel.diagnose.stability;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.trace.Trace;

import java.util.List;
import java.util.Random;

/**
 * A probe, not a test: how often pure minibatch noise is called oscillating when a log holds only
 * {@code step,epoch,loss}. Each run is an exponential decay to 0.05 with independent log-normal noise on every
 * batch (log-sd 0.3 to 1.2), 10, 30 or 60 batches an epoch, 50 epochs, and 3% of the batches after epoch 15 spiking
 * 20x (a hard example); nothing in it swings. Prints, for each setting, how many of 20 seeds were called
 * oscillating. Figures in docs/DIAGNOSIS.md (What is weak). Run from the diagnose module:
 * {@code java -cp target/classes:target/test-classes:$(cat /tmp/cp) dev.keel.diagnose.stability.NoiseFalseAlarmProbe}
 */
public final class NoiseFalseAlarmProbe {
    private NoiseFalseAlarmProbe() {
    }

    public static void main(String[] args) {
        int total = 0;
        for (int perEpoch : new int[] {10, 30, 60}) {
            StringBuilder line = new StringBuilder(perEpoch + " batches an epoch:");
            for (double sd : new double[] {0.3, 0.5, 0.8, 1.2}) {
                int oscillating = 0;
                for (int seed = 0; seed < 20; seed++) {
                    Random rnd = new Random(seed);
                    Trace.Builder b = Trace.builder(List.of(Trace.EPOCH, Trace.LOSS));
                    for (int t = 0; t < 50 * perEpoch; t++) {
                        int epoch = t / perEpoch;
                        double level = 0.05 + 0.6 * Math.exp(-epoch / 4.0);
                        double spike = epoch > 15 && rnd.nextDouble() < 0.03 ? 20 : 1;
                        b.addRow(t).set(0, epoch).set(1, level * spike * Math.exp(sd * rnd.nextGaussian()));
                    }
                    dev.keel.diagnose.Diagnosis d = StabilityClassifier.classify(b.build());
                    if (d.verdict() == Verdict.OSCILLATING) {
                        oscillating++;
                        if (args.length > 0) {
                            System.out.println(d.findings().get(0).message());
                        }
                    }
                }
                total += oscillating;
                line.append(String.format(java.util.Locale.ROOT, "  log-sd %.1f: %d/20", sd, oscillating));
            }
            System.out.println(line);
        }
        System.out.println("called oscillating: " + total + " of 240 noise-only runs");
    }
}
