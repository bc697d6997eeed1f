package dev.keel.diagnose.stability;

import dev.keel.diagnose.labelled.LabelledCorpus;

/** Scratch: how far the second half sits above the best, by label. */
public final class NoiseProbe {
    public static void main(String[] args) throws Exception {
        for (LabelledCorpus.Case c : LabelledCorpus.development()) {
            if (c.view() != LabelledCorpus.View.valueOf(args[0]) || c.prepared().evidence() == null) {
                continue;
            }
            Evidence e = c.prepared().evidence();
            Series s = e.signals().training;
            if (s.size() < 5) {
                continue;
            }
            double secondHalf = RobustStats.median(s.value(), s.size() / 2, s.size());
            double best = e.signals().rows == Signals.Rows.MINIBATCH ? s.min() : e.curve().best();
            double floor = 0.05 * e.signals().scale;
            double band = Math.log((secondHalf + floor) / (best + floor));
            Swings sw = Swings.of(s, 0.02 * e.signals().scale, Math.log(1.3), 0);
            System.out.printf("%-11s band=%5.2f turns=%3d/%3d %s%n", c.label().token(), band, sw.big(), sw.judged(),
                    c.item().name());
        }
    }
}
