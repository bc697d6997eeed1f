package dev.keel.report.model;

import dev.keel.sweep.space.Metric;
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
     *                       share a name, marked (A) and (B) if the folders do too
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
        String na = a.name();
        String nb = b.name();
        if (na.equals(nb)) {
            na = folder(a);
            nb = folder(b);
        }
        if (na.equals(nb)) {
            na += " (A)";
            nb += " (B)";
        }
        Side sa = new Side(na, a, VerdictSummary.of(a.trials()), Recommendation.of(a));
        Side sb = new Side(nb, b, VerdictSummary.of(b.trials()), Recommendation.of(b));
        Set<String> knobs = new LinkedHashSet<>();
        a.knobs().forEach(k -> knobs.add(k.name()));
        b.knobs().forEach(k -> knobs.add(k.name()));
        List<SettingDifference> settings = new ArrayList<>();
        List<Shift> shifts = new ArrayList<>();
        for (String name : knobs) {
            Knob ka = a.knob(name);
            Knob kb = b.knob(name);
            String da = describe(a, name);
            String db = describe(b, name);
            if (!da.equals(db)) {
                settings.add(new SettingDifference(name, da, db));
            }
            if (ka != null && kb != null && (ka.varied() || kb.varied())) {
                shifts.addAll(shifts(a, b, name));
            }
        }
        shifts.sort((x, y) -> Double.compare(Math.abs(y.change()), Math.abs(x.change())));
        return new Comparison(sa, sb, settings, shifts, headline(sa, sb));
    }

    private static String folder(SweepResults s) {
        java.nio.file.Path name = s.dir().toAbsolutePath().normalize().getFileName();
        return name == null ? s.name() : name.toString();
    }

    /**
     * A knob's values in a sweep: listed when few; a sampled number (more than {@link Bins#MAX_EXACT_VALUES}
     * values) as its range to two digits, so two samples of the same range read as the same setting.
     */
    private static String describe(SweepResults s, String knob) {
        Knob k = s.knob(knob);
        if (k == null) {
            return "—";
        }
        if (k.numeric() && k.distinct() > Bins.MAX_EXACT_VALUES) {
            return "sampled, " + Format.rough(k.min()) + " to " + Format.rough(k.max());
        }
        if (!k.numeric()) {
            return String.join(", ", k.categories());
        }
        return StabilityMaps.values(s, k).stream().map(v -> ((Number) v).doubleValue()).distinct().sorted()
                .map(Format::number).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Stable shares per value tried in both sweeps. Values are grouped over both sweeps together, as in
     * the knob effects, so a sampled learning rate compares by range rather than by single trials.
     */
    private static List<Shift> shifts(SweepResults a, SweepResults b, String name) {
        List<Object> values = new ArrayList<>(StabilityMaps.values(a, a.knob(name)));
        values.addAll(StabilityMaps.values(b, b.knob(name)));
        Knob both = Knob.of(name, values);
        Bins bins = Bins.of(both, values, KnobEffect.RANGES);
        int[][] ca = stableCounts(a, name, bins);
        int[][] cb = stableCounts(b, name, bins);
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            if (ca[i][1] > 0 && cb[i][1] > 0) {
                shifts.add(new Shift(name, bins.labels().get(i), ca[i][1], (double) ca[i][0] / ca[i][1], cb[i][1],
                        (double) cb[i][0] / cb[i][1]));
            }
        }
        return shifts;
    }

    /** Per group: {stable trials, trials}. */
    private static int[][] stableCounts(SweepResults s, String knob, Bins bins) {
        int[][] counts = new int[bins.size()][2];
        for (TrialRecord t : s.trials()) {
            if (!t.params().containsKey(knob)) {
                continue;
            }
            int i = bins.index(t.params().get(knob));
            if (i >= 0) {
                counts[i][1]++;
                counts[i][0] += Outcome.of(t) == Outcome.STABLE ? 1 : 0;
            }
        }
        return counts;
    }

    private static String headline(Side a, Side b) {
        double pa = a.summary().share(Outcome.STABLE);
        double pb = b.summary().share(Outcome.STABLE);
        long points = Math.round((pb - pa) * 100);
        StringBuilder s = new StringBuilder();
        s.append(b.name()).append(" trained stably in ").append(Format.percent(pb)).append(" of its trials, ")
                .append(a.name()).append(" in ").append(Format.percent(pa)).append(" (")
                .append(points >= 0 ? "+" : "−").append(Math.abs(points)).append(" points)");
        Metric oa = a.results().objective();
        Metric ob = b.results().objective();
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
