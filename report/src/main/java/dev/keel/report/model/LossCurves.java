package dev.keel.report.model;

import java.util.List;

/**
 * @param topStable the best stable runs, overlaid in one chart (best first)
 * @param failures  one example per failure verdict that occurred (oscillating, diverging, vanishing), the
 *                  most confident of each
 */
public record LossCurves(List<Example> topStable, List<Example> failures) {
    public LossCurves {
        topStable = List.copyOf(topStable);
        failures = List.copyOf(failures);
    }
}
