package dev.keel.sweep.train;

import dev.keel.sweep.config.Activation;
import dev.keel.sweep.config.GradientClipping;
import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.config.WeightInit;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.List;

/** Each knob of docs/DESIGN.md's table as its DL4J equivalent; docs/KNOBS.md explains every choice. */
final class Dl4jKnobs {
    /** Nesterov momentum for {@code momentum} (docs/DESIGN.md). */
    static final double NESTEROV_MOMENTUM = 0.9;

    private Dl4jKnobs() {
    }

    static IActivation activation(Activation a) {
        return switch (a) {
            case RELU -> new ActivationReLU();
            case LEAKYRELU -> new ActivationLReLU(ActivationLReLU.DEFAULT_ALPHA);
            case ELU -> new ActivationELU(ActivationELU.DEFAULT_ALPHA);
            case SELU -> new ActivationSELU();
            case SWISH -> new ActivationSwish();
            case GELU -> new ExactGelu();
            case TANH -> new ActivationTanH();
            case SIGMOID -> new ActivationSigmoid();
        };
    }

    /**
     * DL4J's names do not all mean what users expect: its NORMAL is N(0, 1/fan_in) (LeCun), so the naive
     * N(0, 1) of docs/DESIGN.md's {@code normal} is an explicit distribution.
     */
    static IWeightInit weightInit(WeightInit w) {
        return switch (w) {
            case XAVIER -> org.deeplearning4j.nn.weights.WeightInit.XAVIER.getWeightInitFunction();
            case XAVIER_UNIFORM -> org.deeplearning4j.nn.weights.WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
            case HE -> org.deeplearning4j.nn.weights.WeightInit.RELU.getWeightInitFunction();
            case HE_UNIFORM -> org.deeplearning4j.nn.weights.WeightInit.RELU_UNIFORM.getWeightInitFunction();
            case LECUN_NORMAL -> org.deeplearning4j.nn.weights.WeightInit.LECUN_NORMAL.getWeightInitFunction();
            case NORMAL -> new WeightInitDistribution(new NormalDistribution(0, 1));
            case UNIFORM -> org.deeplearning4j.nn.weights.WeightInit.UNIFORM.getWeightInitFunction();
        };
    }

    static IUpdater updater(TrialConfig c, ISchedule lr) {
        return switch (c.optimizer()) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new Nesterovs(lr, NESTEROV_MOMENTUM);
            case ADAM, ADAMW -> new JavaAdam(lr);
            case RMSPROP -> new RmsProp(lr);
            case ADAGRAD -> new ScheduledAdaGrad(lr);
        };
    }

    /**
     * l1 and l2 are penalties added to the loss (their gradient goes through the optimiser); weight_decay is
     * decoupled (Loshchilov and Hutter): after the optimiser, each weight shrinks by lr·wd·w. adamw is Adam
     * with that decay at 0.01 unless weight_decay is set. Biases are not regularised.
     */
    static List<Regularization> regularization(TrialConfig c) {
        List<Regularization> r = new ArrayList<>();
        if (c.l1() > 0) {
            r.add(new L1Regularization(c.l1()));
        }
        if (c.l2() > 0) {
            r.add(new L2Regularization(c.l2()));
        }
        if (c.effectiveWeightDecay() > 0) {
            r.add(new DecoupledWeightDecay(c.effectiveWeightDecay()));
        }
        return r;
    }

    static GradientNormalization clipping(GradientClipping g) {
        return switch (g.mode()) {
            case NONE -> GradientNormalization.None;
            case NORM -> GradientNormalization.ClipL2PerLayer;
            case VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
        };
    }
}
