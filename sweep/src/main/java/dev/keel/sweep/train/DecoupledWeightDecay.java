package dev.keel.sweep.train;

import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * DL4J's decoupled weight decay (applied after the updater, scaled by the learning rate), minus its
 * contribution to the reported loss: decoupled decay is not part of the objective, so AdamW's trace loss
 * stays comparable with Adam's, as PyTorch and Keras report it. L1 and L2, which are, stay in the loss.
 */
final class DecoupledWeightDecay extends WeightDecay {
    DecoupledWeightDecay(double coefficient) {
        super(coefficient, true);
    }

    @Override
    public double score(org.nd4j.linalg.api.ndarray.INDArray param, int iteration, int epoch) {
        return 0;
    }

    @Override
    public Regularization clone() {
        return new DecoupledWeightDecay(coeff.valueAt(0, 0));
    }
}
