package dev.keel.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What the driver sends to run one trial: its id in the plan, and for {@code early_terminate: median} the
 * validation curves of the trials stored so far ({@code null} otherwise), so that every executor prunes
 * against the whole sweep rather than against the trials it happened to run.
 */
record TrialTask(String trialId, double[][] finishedCurves) implements Serializable {

    List<double[]> curves() {
        return finishedCurves == null ? List.of() : Arrays.asList(finishedCurves);
    }
}
