package dev.keel.report.model;

import dev.keel.diagnose.Verdict;
import dev.keel.sweep.store.SweepManifest;
import dev.keel.sweep.store.TrialRecord;
import dev.keel.sweep.store.TrialStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made trials for tests that need an exact situation rather than the fixture's mix. */
final class Trials {
    private Trials() {
    }

    static TrialRecord trial(String id, Map<String, Object> params, Verdict verdict, double metric) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", metric);
        return new TrialRecord(id, params, 1, TrialStatus.COMPLETED, verdict, 0.9, null, List.of(), metrics, 1, 10,
                1.0, null);
    }

    static SweepResults sweep(int repeats, List<TrialRecord> trials) {
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("repeats", repeats);
        SweepManifest m = new SweepManifest("hand-made", "", space, 0, trials.size(), "test", "test",
                "2025-01-01T00:00:00Z", null);
        return SweepResults.of(Path.of("hand-made"), m, trials);
    }
}
