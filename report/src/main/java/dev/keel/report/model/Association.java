package dev.keel.report.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much knowing a trial's group (a knob's value, or a cell of two knobs) tells about its outcome:
 * the mutual information between group and outcome, less the Miller–Madow estimate of its small-sample
 * bias ((groups − 1)(outcomes − 1) / 2N nats), as a share of the outcome's entropy. 0 means "no visible
 * effect", 1 "the group decides the outcome". Used only to order charts and tables, strongest first.
 */
public final class Association {
    private Association() {
    }

    public static double score(List<Outcome> outcomes, List<Integer> groups) {
        int n = outcomes.size();
        if (n == 0) {
            return 0;
        }
        Map<Outcome, Integer> byOutcome = new HashMap<>();
        Map<Integer, Integer> byGroup = new HashMap<>();
        Map<List<Object>, Integer> joint = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byOutcome.merge(outcomes.get(i), 1, Integer::sum);
            byGroup.merge(groups.get(i), 1, Integer::sum);
            joint.merge(List.of(outcomes.get(i), groups.get(i)), 1, Integer::sum);
        }
        double entropy = 0;
        for (int c : byOutcome.values()) {
            double p = (double) c / n;
            entropy -= p * Math.log(p);
        }
        if (entropy <= 0) {
            return 0;
        }
        double mi = 0;
        for (Map.Entry<List<Object>, Integer> e : joint.entrySet()) {
            double pj = (double) e.getValue() / n;
            double po = (double) byOutcome.get((Outcome) e.getKey().get(0)) / n;
            double pg = (double) byGroup.get((Integer) e.getKey().get(1)) / n;
            mi += pj * Math.log(pj / (po * pg));
        }
        double bias = (byGroup.size() - 1) * (byOutcome.size() - 1) / (2.0 * n);
        return Math.max(0, mi - bias) / entropy;
    }
}
