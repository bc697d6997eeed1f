package dev.keel.sweep.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GELU in its exact form, x·Φ(x) = 0.5·x·(1 + erf(x/√2)), as PyTorch's {@code nn.GELU()}. DL4J 1.0.0-M2.1's
 * default GELU is the sigmoid approximation x·σ(1.702x) (off by up to 0.015), and its "precise" one is wrong
 * (0.832 at x = 1 instead of 0.841), so neither is what a user asking for gelu expects.
 */
public final class ExactGelu extends BaseActivationFunction {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray cdf = normalCdf(in);
        return in.muli(cdf);
    }

    /** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray cdf = normalCdf(in);
        INDArray pdf = in.mul(in).muli(-0.5);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Exp(pdf, pdf));
        pdf.muli(INV_SQRT_2PI);
        in.muli(pdf).addi(cdf).muli(epsilon);
        return new Pair<>(in, null);
    }

    private static INDArray normalCdf(INDArray x) {
        INDArray t = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(t, t));
        return t.addi(1).muli(0.5);
    }

    @Override
    public String toString() {
        return "gelu(exact)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactGelu;
    }

    @Override
    public int hashCode() {
        return ExactGelu.class.hashCode();
    }
}
