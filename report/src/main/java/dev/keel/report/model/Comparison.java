package dev.keel.report.model;

import dev.keel.sweep.store.TrialRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two sweeps side by side (e.g. before and after adding batch norm): how often each trained stably, the
 * best each reached, which settings differ, and how each shared knob value fared in each.
 *
 * @param a        the first sweep
 * @param b        the second sweep
 * @param settings knobs whose values differ between the sweeps (the change being compared)
 * @param shifts   for knob values tried in both sweeps, the stable share in each, the largest change first
 * @param headline one sentence: the change in stable share and in the best metric
 */
public record Comparison(Side a, Side b, List<SettingDifference> settings, List<Shift> shifts, String headline) {

    public Comparison {
        settings = List.copyOf(settings);
        shifts = List.copyOf(shifts);
    }

    /**
     * @param name           what the report calls it: the space's name, or the folder's when both sweeps
     *                       share a name
     * @param results        the sweep
     * @param summary        its outcome counts
     * @param recommendation its recommended defaults
     */
    public record Side(String name, SweepResults results, VerdictSummary summary, Recommendation recommendation) {

        /** The best objective among stable configurations, NaN if none. */
        public double best() {
            return recommendation.found() ? recommendation.best().metric() : Double.NaN;
        }
    }

    /**
     * @param knob the knob
     * @param a    its values in the first sweep, as printed ({@code —} when the sweep did not record it)
     * @param b    its values in the second sweep
     */
    public record SettingDifference(String knob, String a, String b) {
    }

    /**
     * @param knob    the knob
     * @param value   the value (both sweeps tried it)
     * @param trialsA trials with this value in the first sweep
     * @param stableA their stable share
     * @param trialsB trials with this value in the second sweep
     * @param stableB their stable share
     */
    public record Shift(String knob, String value, int trialsA, double stableA, int trialsB, double stableB) {
        public double change() {
            return stableB - stableA;
        }
    }

    public static Comparison of(SweepResults a, SweepResults b) {
        boolean sameName = a.name().equals(b.name());
        Side sa = new Side(sameName ? folder(a) : a.name(), a, VerdictSummary.of(a.trials()), Recommendation.of(a));
        Side sb = new Side(sameName ? folder(b) : b.name(), b, VerdictSummary.of(b.trials()), Recommendation.of(b));
        Set<String> knobs = new LinkedHashSet<>();
        a.knobs().forEach(k -> knobs.add(k.name()));
        b.knobs().forEach(k -> knobs.add(k.name()));
        List<SettingDifference> settings = new ArrayList<>();
        List<Shift> shifts = new ArrayList<>();
        for (String name : knobs) {
            Knob ka = a.knob(name);
            Knob kb = b.knob(name);
            Set<String> va = labels(a, name);
            Set<String> vb = labels(b, name);
            if (!va.equals(vb)) {
                settings.add(new SettingDifference(name, describe(va), describe(vb)));
            }
            if (ka != null && kb != null && (ka.varied() || kb.varied())) {
                for (String value : va) {
                    if (vb.contains(value)) {
                        int[] ca = stableCount(a, name, value);
                        int[] cb = stableCount(b, name, value);
                        shifts.add(new Shift(name, value, ca[1], (double) ca[0] / ca[1], cb[1],
                                (double) cb[0] / cb[1]));
                    }
                }
            }
        }
        shifts.sort((x, y) -> Double.compare(Math.abs(y.change()), Math.abs(x.change())));
        return new Comparison(sa, sb, settings, shifts, headline(sa, sb));
    }

    private static String folder(SweepResults s) {
        java.nio.file.Path name = s.dir().toAbsolutePath().normalize().getFileName();
        return name == null ? s.name() : name.toString();
    }

    private static Set<String> labels(SweepResults s, String knob) {
        Set<String> labels = new java.util.TreeSet<>();
        for (TrialRecord t : s.trials()) {
            if (t.params().containsKey(knob)) {
                labels.add(Format.value(t.params().get(knob)));
            }
        }
        return labels;
    }

    private static String describe(Set<String> values) {
        return values.isEmpty() ? "—" : String.join(", ", values);
    }

    private static int[] stableCount(SweepResults s, String knob, String value) {
        int stable = 0;
        int n = 0;
        for (TrialRecord t : s.trials()) {
            if (t.params().containsKey(knob) && Format.value(t.params().get(knob)).equals(value)) {
                n++;
                stable += Outcome.of(t) == Outcome.STABLE ? 1 : 0;
            }
        }
        return new int[] {stable, n};
    }

    private static String headline(Side a, Side b) {
        double pa = a.summary().share(Outcome.STABLE);
        double pb = b.summary().share(Outcome.STABLE);
        long points = Math.round((pb - pa) * 100);
        StringBuilder s = new StringBuilder();
        s.append(b.name()).append(" trained stably in ").append(Format.percent(pb)).append(" of its trials, ")
                .append(a.name()).append(" in ").append(Format.percent(pa)).append(" (")
                .append(points >= 0 ? "+" : "−").append(Math.abs(points)).append(" points)");
        Objective oa = a.results().objective();
        Objective ob = b.results().objective();
        if (oa.equals(ob) && !Double.isNaN(a.best()) && !Double.isNaN(b.best())) {
            s.append("; best stable ").append(oa.name()).append(' ').append(Format.number(b.best()))
                    .append(" against ").append(Format.number(a.best()));
        } else if (!oa.equals(ob)) {
            s.append("; the sweeps rank by different metrics (").append(oa.name()).append(", ").append(ob.name())
                    .append("), so their best values are not compared");
        }
        return s.append('.').toString();
    }
}
