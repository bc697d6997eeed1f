package dev.keel.sweep.train.memory;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * A network's gradient whose {@link #gradient()} is the network's own flattened gradient array.
 *
 * <p>DL4J's updater applies a gradient in place when {@code gradient.gradient()} is the very array it
 * holds, and otherwise treats it as "external" and slices fresh views of it for every parameter, twice a
 * step. {@code DefaultGradient.gradient()} returns a new reshaped view on every call, so in 1.0.0-M2.1 every
 * step took the slow path: about 50 views a step, each with its own native object. The values are the
 * same; only the identity changes.
 */
final class CanonicalGradient implements Gradient {
    private final Gradient delegate;
    private final INDArray flattened;

    CanonicalGradient(Gradient delegate, INDArray flattened) {
        this.delegate = delegate;
        this.flattened = flattened;
    }

    static Gradient of(Gradient gradient, INDArray flattened) {
        return gradient == null || flattened == null ? gradient : new CanonicalGradient(gradient, flattened);
    }

    @Override
    public INDArray gradient() {
        return flattened;
    }

    @Override
    public Map<String, INDArray> gradientForVariable() {
        return delegate.gradientForVariable();
    }

    @Override
    public INDArray gradient(List<String> order) {
        return delegate.gradient(order);
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public INDArray getGradientFor(String variable) {
        return delegate.getGradientFor(variable);
    }

    @Override
    public INDArray setGradientFor(String variable, INDArray gradient) {
        return delegate.setGradientFor(variable, gradient);
    }

    @Override
    public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
        return delegate.setGradientFor(variable, gradient, flatteningOrder);
    }

    @Override
    public Character flatteningOrderForVariable(String variable) {
        return delegate.flatteningOrderForVariable(variable);
    }
}
