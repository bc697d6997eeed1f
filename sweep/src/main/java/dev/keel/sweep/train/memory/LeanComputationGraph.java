package dev.keel.sweep.train.memory;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** A {@link ComputationGraph} whose updater takes the in-place path every step (see {@link CanonicalGradient}). */
public class LeanComputationGraph extends ComputationGraph {
    public LeanComputationGraph(ComputationGraphConfiguration conf) {
        super(conf);
    }

    @Override
    public Gradient gradient() {
        return CanonicalGradient.of(super.gradient(), getFlattenedGradients());
    }
}
