package dev.keel.sweep.train;

/**
 * A layer whose statistics go into the trace.
 *
 * @param name       the trace's layer name: {@code conv_0}, {@code dense_0}, …, {@code output}
 * @param hidden     a hidden layer (has dead/saturated statistics); false for the output layer
 * @param position   the layer's index among the network's layers (MultiLayerNetwork order, or the
 *                   ComputationGraph's topological order)
 * @param paramStart offset of the layer's first parameter (weights and bias) in the network's flattened parameters
 * @param paramCount how many parameters the layer has
 */
public record TracedLayer(String name, boolean hidden, int position, long paramStart, long paramCount) {
}
