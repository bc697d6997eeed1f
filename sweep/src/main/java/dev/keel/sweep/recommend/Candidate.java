package dev.keel.sweep.recommend;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One configuration run with several seeds: the unit the recommendation chooses among.
 *
 * @param params the shared knob values
 * @param runs   one finished trial per seed
 */
public record Candidate(Map<String, Object> params, List<TrialRecord> runs) {
    public Candidate {
        params = Map.copyOf(params);
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a candidate needs at least one run");
        }
    }

    /**
     * What makes trials one configuration, seeds of the same knobs: their params, keys sorted and values exact (not
     * rounded for print: two sampled learning rates that print alike are still two configurations). keel's one
     * definition: {@code keel recommend}, the report and anything else that folds seeds together use it.
     */
    public static String key(Map<String, ?> params) {
        return new TreeMap<>(params).toString();
    }

    /** Stable only if every seed completed or was pruned with a stable verdict. */
    public boolean stableOnAllSeeds() {
        return runs.stream().allMatch(r -> r.status() != TrialStatus.FAILED && r.verdict() == Verdict.STABLE);
    }

    public long stableRuns() {
        return runs.stream().filter(r -> r.status() != TrialStatus.FAILED && r.verdict() == Verdict.STABLE).count();
    }

    /** Mean of the metric over seeds; NaN if any seed lacks it (an unfinished or broken run is not "average"). */
    public double mean(String metric) {
        double sum = 0;
        for (TrialRecord r : runs) {
            double v = r.metric(metric);
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            sum += v;
        }
        return sum / runs.size();
    }

    /** Sample standard deviation over seeds (0 for one seed). */
    public double std(String metric) {
        if (runs.size() < 2) {
            return 0;
        }
        double mean = mean(metric);
        double ss = 0;
        for (TrialRecord r : runs) {
            double d = r.metric(metric) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (runs.size() - 1));
    }

    /** How many knobs differ from docs/DESIGN.md's defaults: fewer is simpler to adopt and explain. */
    public int knobsAwayFromDefaults() {
        Map<String, Object> defaults = TrialConfig.defaults().toParams();
        int n = 0;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object d = defaults.get(e.getKey());
            if (d != null && !sameValue(d, e.getValue())) {
                n++;
            }
        }
        return n;
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }
}
