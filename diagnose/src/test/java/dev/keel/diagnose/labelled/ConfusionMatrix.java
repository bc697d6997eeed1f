package dev.keel.diagnose.labelled;

import dev.keel.diagnose.Verdict;

import java.util.Locale;

/** Counts of (true label, verdict) pairs, with per-label recall and a Markdown rendering for the docs. */
final class ConfusionMatrix {
    private final int[][] counts = new int[Verdict.values().length][Verdict.values().length];

    void add(Verdict truth, Verdict predicted) {
        counts[truth.ordinal()][predicted.ordinal()]++;
    }

    int total(Verdict truth) {
        int sum = 0;
        for (int c : counts[truth.ordinal()]) {
            sum += c;
        }
        return sum;
    }

    /** Share of traces labelled {@code truth} that got that verdict; NaN if there are none. */
    double recall(Verdict truth) {
        int total = total(truth);
        return total == 0 ? Double.NaN : (double) counts[truth.ordinal()][truth.ordinal()] / total;
    }

    int count() {
        int all = 0;
        for (Verdict t : Verdict.values()) {
            all += total(t);
        }
        return all;
    }

    double accuracy() {
        int right = 0;
        int all = 0;
        for (Verdict t : Verdict.values()) {
            right += counts[t.ordinal()][t.ordinal()];
            all += total(t);
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| label \\ verdict |");
        for (Verdict v : Verdict.values()) {
            sb.append(' ').append(v.token()).append(" |");
        }
        sb.append(" recall |\n|---|");
        sb.append("---|".repeat(Verdict.values().length + 1)).append('\n');
        for (Verdict t : Verdict.values()) {
            sb.append("| ").append(t.token()).append(" |");
            for (Verdict p : Verdict.values()) {
                sb.append(' ').append(counts[t.ordinal()][p.ordinal()]).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.0f%% |%n", 100 * recall(t)));
        }
        sb.append(String.format(Locale.ROOT, "%noverall accuracy %.1f%%%n", 100 * accuracy()));
        return sb.toString();
    }
}
