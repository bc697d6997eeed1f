package dev.keel.report.model;

import dev.keel.sweep.search.Observation;
import dev.keel.sweep.search.StableRegion;
import dev.keel.sweep.search.WhatMattered;
import dev.keel.sweep.space.SweepSpace;
import dev.keel.sweep.store.ChosenBy;
import dev.keel.sweep.store.TrialRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What the search learnt: which knobs decided stability and the metric (for every sweep), and for a sweep whose
 * sampler learnt ({@code method: bayes}) how its own choices fared against its random startup draws and where its
 * model of P(stable) thinks the stable region ends.
 *
 * @param mattered what mattered, or {@code null} when the space could not be read back
 * @param regions  the model's stable region along the numeric knobs (empty when every trial had the same outcome)
 * @param startup  trials drawn at random before the model had enough finished trials
 * @param model    trials the model chose
 */
public record SearchView(WhatMattered mattered, List<StableRegion> regions, Share startup, Share model) {
    private static final Logger LOG = LoggerFactory.getLogger(SearchView.class);

    /** How many trials of a kind there were and how many of them did not train stably (failed included). */
    public record Share(int trials, int unstable) {
        public double unstableShare() {
            return trials == 0 ? Double.NaN : unstable / (double) trials;
        }
    }

    public SearchView {
        regions = List.copyOf(regions);
    }

    public static SearchView of(SweepResults sweep) {
        Share startup = share(sweep.trials(), ChosenBy.STARTUP);
        Share model = share(sweep.trials(), ChosenBy.MODEL);
        SweepSpace space;
        try {
            space = WhatMattered.spaceOf(sweep.manifest().space());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the space cannot be read back; the report leaves out what mattered ({})", sweep.dir(),
                    e.getMessage());
            return new SearchView(null, List.of(), startup, model);
        }
        WhatMattered mattered = WhatMattered.of(space.varied(), space.metric(), sweep.trials());
        List<StableRegion> regions = learnt(sweep)
                ? StableRegion.of(space.varied(), space.metric(), sweep.trials(), space.seed()) : List.of();
        return new SearchView(mattered, regions, startup, model);
    }

    /** Whether a sampler that learns chose any of the trials. */
    public boolean learnt() {
        return startup.trials() + model.trials() > 0;
    }

    private static boolean learnt(SweepResults sweep) {
        return sweep.trials().stream().anyMatch(t -> t.chosenBy() != null);
    }

    private static Share share(List<TrialRecord> trials, ChosenBy kind) {
        List<TrialRecord> of = trials.stream().filter(t -> t.chosenBy() == kind).toList();
        return new Share(of.size(), (int) of.stream().filter(t -> !Observation.isStable(t)).count());
    }
}
