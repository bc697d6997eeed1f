package dev.keel.cli;

import dev.keel.sweep.search.Observation;
import dev.keel.sweep.search.StableRegion;
import dev.keel.sweep.search.WhatMattered;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.TrialRecord;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The lines after the best trials: which knobs decided stability and the metric, and for a bayes sweep how many
 * trials the model chose and where it thinks the stable region ends.
 */
final class SearchSummary {
    /** Knobs named per line; the report has them all. */
    static final int KNOBS = 4;

    private SearchSummary() {
    }

    static void print(PrintWriter out, SweepSpace space, List<TrialRecord> trials) {
        WhatMattered w = WhatMattered.of(space.varied(), space.metric(), trials);
        if (!w.isEmpty()) {
            out.println("what mattered (PED-ANOVA over " + w.trials() + " trials, " + w.stable() + " stable):");
            line(out, "stability", w, WhatMattered.Knob::stability);
            line(out, space.metric().name(), w, WhatMattered.Knob::metric);
        }
        long startup = trials.stream().filter(t -> t.chosenBy() == ChosenBy.STARTUP).count();
        long model = trials.stream().filter(t -> t.chosenBy() == ChosenBy.MODEL).count();
        if (startup + model == 0) {
            return;
        }
        out.println(String.format(Locale.ROOT, "bayes: %d startup trials (%d not stable), %d chosen by the model"
                + " (%d not stable)", startup, unstable(trials, ChosenBy.STARTUP), model, unstable(trials, ChosenBy.MODEL)));
        List<StableRegion> regions = StableRegion.of(space.varied(), space.metric(), trials, space.seed());
        if (!regions.isEmpty()) {
            StableRegion r = regions.get(0);
            List<String> parts = new ArrayList<>();
            for (StableRegion.Band b : r.bands()) {
                parts.add((r.byKnob() == null ? "" : b.category() + " ") + StableRegion.describe(b, Summary::number));
            }
            out.println("model's stable region by " + r.knob() + ": " + String.join(", ", parts));
        }
    }

    private static void line(PrintWriter out, String label, WhatMattered w, ToDoubleFunction<WhatMattered.Knob> share) {
        List<WhatMattered.Knob> knobs = new ArrayList<>(w.knobs().stream()
                .filter(k -> !Double.isNaN(share.applyAsDouble(k))).toList());
        if (knobs.isEmpty()) {
            return;
        }
        knobs.sort((a, b) -> Double.compare(share.applyAsDouble(b), share.applyAsDouble(a)));
        List<String> parts = new ArrayList<>();
        for (WhatMattered.Knob k : knobs.subList(0, Math.min(KNOBS, knobs.size()))) {
            parts.add(String.format(Locale.ROOT, "%s %.0f%%", k.name(), 100 * share.applyAsDouble(k)));
        }
        out.println("  " + label + ": " + String.join(", ", parts));
    }

    private static long unstable(List<TrialRecord> trials, ChosenBy kind) {
        return trials.stream().filter(t -> t.chosenBy() == kind).filter(t -> !Observation.isStable(t)).count();
    }
}
