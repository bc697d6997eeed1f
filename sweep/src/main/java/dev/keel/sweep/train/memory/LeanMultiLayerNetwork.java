package dev.keel.sweep.train.memory;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A {@link MultiLayerNetwork} whose updater takes the in-place path every step (see {@link CanonicalGradient}). */
@SuppressWarnings("overrides") // DL4J's own doEvaluation signature mismatch, inherited as is
public class LeanMultiLayerNetwork extends MultiLayerNetwork {
    public LeanMultiLayerNetwork(MultiLayerConfiguration conf) {
        super(conf);
    }

    @Override
    public Gradient gradient() {
        return CanonicalGradient.of(super.gradient(), getFlattenedGradients());
    }
}
