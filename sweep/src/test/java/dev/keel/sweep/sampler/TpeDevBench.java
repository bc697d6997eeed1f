package dev.keel.sweep.sampler;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.space.Metric;
import dev.keel.sweep.store.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Development only: variants of TpeSampler's settings on the six-knob synthetic landscapes. {@code compare}: unstable
 * trials and best stable accuracy on landscapes with a sharp edge of stability; {@code noisyEdge}: also trials to a
 * target (the best stable of 200 random trials less 0.005, as bench/search-bench.sh sets it) on landscapes whose edge
 * is a matter of chance and whose trials have their own seed's noise ({@code -Dtpe.trials}, default 40).
 */
@EnabledIfSystemProperty(named = "tpe.dev", matches = "true")
class TpeDevBench {
    static Map<String, TpeSampler.Settings> variants() {
        Map<String, TpeSampler.Settings> variants = new LinkedHashMap<>();
        TpeSampler.Settings d = TpeSampler.Settings.DEFAULT;
        variants.put("default", d);
        for (String v : System.getProperty("tpe.variants", "").split(";")) {
            if (v.isBlank()) {
                continue;
            }
            TpeSampler.Settings s = d;
            for (String kv : v.split(",")) {
                String[] p = kv.split("=");
                s = switch (p[0]) {
                    case "startup" -> s.withStartupTrials(Integer.parseInt(p[1]));
                    case "power" -> s.withStabilityPower(Double.parseDouble(p[1]));
                    case "stable" -> s.withStableCandidates(Double.parseDouble(p[1]));
                    case "cand" -> s.withCandidates(Integer.parseInt(p[1]));
                    case "uni" -> s.withMultivariate(false);
                    case "gamma" -> s.withGamma(Double.parseDouble(p[1]));
                    case "factor" -> s.withUnstableInG(false);
                    case "cap" -> s.withStabilityCap(Double.parseDouble(p[1]));
                    default -> throw new IllegalArgumentException(kv);
                };
            }
            variants.put(v, s);
        }
        return variants;
    }

    static int toTarget(List<TrialRecord> trials, double target) {
        for (int i = 0; i < trials.size(); i++) {
            TrialRecord t = trials.get(i);
            if (t.verdict() == Verdict.STABLE && t.metric("val_accuracy") >= target) {
                return i + 1;
            }
        }
        return trials.size() + 1;
    }

    /** Trials to target and unstable trials on landscapes whose edge of stability is a matter of chance. */
    @Test
    void noisyEdge() {
        Metric acc = Metric.named("val_accuracy");
        Map<String, TpeSampler.Settings> variants = variants();
        int landscapes = Integer.getInteger("tpe.landscapes", 12);
        int seeds = Integer.getInteger("tpe.seeds", 3);
        int trials = Integer.getInteger("tpe.trials", 40);
        Map<String, int[]> met = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> targets = new LinkedHashMap<>();
        for (long k = 0; k < landscapes; k++) {
            double target = SyntheticSweep.bestStable(SixKnobLandscapes.runOnTwoWorkers(
                    new RandomSampler(SixKnobLandscapes.space(), 1000), 200,
                    SixKnobLandscapes.noisyLandscape(k, 1000))) - 0.005;
            List<Long> ru = new ArrayList<>();
            List<Integer> rt = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                List<TrialRecord> r = SixKnobLandscapes.runOnTwoWorkers(
                        new RandomSampler(SixKnobLandscapes.space(), seed), trials,
                        SixKnobLandscapes.noisyLandscape(k, seed));
                ru.add(SyntheticSweep.unstable(r));
                rt.add(toTarget(r, target));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "L%-2d target %.4f random %4.1f %4.1f", k,
                    target, SyntheticSweep.median(ru), SyntheticSweep.median(rt)));
            for (var e : variants.entrySet()) {
                List<Long> u = new ArrayList<>();
                List<Integer> t = new ArrayList<>();
                for (long seed = 1; seed <= seeds; seed++) {
                    List<TrialRecord> b = SixKnobLandscapes.runOnTwoWorkers(new TpeSampler(SixKnobLandscapes.space(),
                            seed, acc, e.getValue().forBudget(trials)), trials, SixKnobLandscapes.noisyLandscape(k, seed));
                    u.add(SyntheticSweep.unstable(b));
                    t.add(toTarget(b, target));
                }
                double ratio = SyntheticSweep.median(u) / SyntheticSweep.median(ru);
                double tr = SyntheticSweep.median(t) / SyntheticSweep.median(rt);
                int[] m = met.computeIfAbsent(e.getKey(), x -> new int[3]);
                m[0] += ratio <= 0.5 ? 1 : 0;
                m[1] += tr <= 0.5 ? 1 : 0;
                m[2] += SyntheticSweep.median(t) <= trials / 2 ? 1 : 0;
                ratios.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(ratio);
                targets.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(SyntheticSweep.median(t));
                line.append(String.format(Locale.ROOT, " | %4.1f %4.1f", SyntheticSweep.median(u),
                        SyntheticSweep.median(t)));
            }
            System.out.println(line);
        }
        met.forEach((k, m) -> System.out.printf(Locale.ROOT,
                "%-40s unstable-half %2d  target-half %2d  target<=half %2d  median ratio %.2f  median to-target %.1f%n",
                k, m[0], m[1], m[2], SyntheticSweep.median(ratios.get(k)), SyntheticSweep.median(targets.get(k))));
    }

    @Test
    void compare() {
        Metric acc = Metric.named("val_accuracy");
        Map<String, TpeSampler.Settings> variants = variants();
        int landscapes = Integer.getInteger("tpe.landscapes", 12);
        int seeds = Integer.getInteger("tpe.seeds", 3);
        Map<String, int[]> met = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (long k = 0; k < landscapes; k++) {
            var training = SixKnobLandscapes.landscape(k);
            List<Long> ru = new ArrayList<>();
            List<Double> rb = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                List<TrialRecord> r = SixKnobLandscapes.runOnTwoWorkers(
                        new RandomSampler(SixKnobLandscapes.space(), seed), 40, training);
                ru.add(SyntheticSweep.unstable(r));
                rb.add(SyntheticSweep.bestStable(r));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "L%-2d random %4.1f %.4f", k,
                    SyntheticSweep.median(ru), SyntheticSweep.median(rb)));
            for (var e : variants.entrySet()) {
                List<Long> u = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (long seed = 1; seed <= seeds; seed++) {
                    List<TrialRecord> t = SixKnobLandscapes.runOnTwoWorkers(new TpeSampler(SixKnobLandscapes.space(),
                            seed, acc, e.getValue()), 40, training);
                    u.add(SyntheticSweep.unstable(t));
                    b.add(SyntheticSweep.bestStable(t));
                }
                double ratio = SyntheticSweep.median(u) / SyntheticSweep.median(ru);
                boolean half = ratio <= 0.5;
                boolean best = SyntheticSweep.median(b) >= SyntheticSweep.median(rb) - 0.005;
                int[] m = met.computeIfAbsent(e.getKey(), x -> new int[3]);
                m[0] += half ? 1 : 0;
                m[1] += best ? 1 : 0;
                m[2] += half && best ? 1 : 0;
                ratios.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(ratio);
                line.append(String.format(Locale.ROOT, " | %4.1f %.4f", SyntheticSweep.median(u),
                        SyntheticSweep.median(b)));
            }
            System.out.println(line);
        }
        met.forEach((k, m) -> System.out.printf(Locale.ROOT, "%-40s half %2d  best %2d  both %2d  median ratio %.2f%n",
                k, m[0], m[1], m[2], SyntheticSweep.median(ratios.get(k))));
    }
}
