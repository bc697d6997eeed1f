package dev.keel.sweep.train;

import dev.keel.diagnose.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.keel.diagnose.Verdict.DIVERGING;
import static dev.keel.diagnose.Verdict.OSCILLATING;
import static dev.keel.diagnose.Verdict.STABLE;
import static dev.keel.diagnose.Verdict.VANISHING;
import static dev.keel.sweep.train.Dl4jLabelledTraces.FULL_BATCH;

/**
 * The constructions of the DL4J labelled traces, each with the argument for its label. Steps per epoch with
 * batch 32: digits 40, spirals 14, breast_cancer 13, diabetes 10, iris 4, ill_conditioned 18; a full batch is
 * one step an epoch. Runs stay at or under about 1,000 steps to keep the files small.
 */
final class Dl4jLabelledTracesRuns {
    private Dl4jLabelledTracesRuns() {
    }

    private static final String BELOW_EDGE = "a sensible rate for this optimiser and net, well below where it"
            + " diverges: the loss falls and settles";

    static List<Dl4jLabelledTraces.Run> all() {
        List<Dl4jLabelledTraces.Run> runs = new ArrayList<>();
        stable(runs);
        diverging(runs);
        vanishing(runs);
        oscillating(runs);
        return runs;
    }

    private static void stable(List<Dl4jLabelledTraces.Run> r) {
        r.add(run(STABLE, "adaptive", "digits", "adam-lr1e-3", 11, 0.9, BELOW_EDGE,
                "optimizer", "adam", "learning_rate", 1e-3, "epochs", 10));
        r.add(run(STABLE, "adaptive", "digits", "rmsprop-batchnorm", 12, 0.9, BELOW_EDGE + " (batch norm)",
                "optimizer", "rmsprop", "learning_rate", 1e-3, "batch_norm", true, "epochs", 8));
        r.add(run(STABLE, "adaptive", "digits", "adamw-cosine-dropout0.2", 13, 0.9, BELOW_EDGE
                        + " (cosine schedule; dropout 0.2 makes the minibatch loss noisier)",
                "optimizer", "adamw", "learning_rate", 3e-3, "lr_schedule", "cosine", "dropout", 0.2, "epochs", 8));
        r.add(run(STABLE, "adaptive", "breast_cancer", "adam-bs16", 14, 0.9, BELOW_EDGE,
                "optimizer", "adam", "learning_rate", 1e-3, "batch_size", 16, "epochs", 20));
        r.add(run(STABLE, "adaptive", "diabetes", "adam", 15, 0.1, BELOW_EDGE
                        + " (regression: the loss settles near the unexplained variance)",
                "optimizer", "adam", "learning_rate", 1e-3, "epochs", 60));
        r.add(run(STABLE, "adaptive", "diabetes", "rmsprop-bs16", 16, 0.1, BELOW_EDGE,
                "optimizer", "rmsprop", "learning_rate", 1e-3, "batch_size", 16, "epochs", 30));
        r.add(run(STABLE, "adaptive", "spirals", "adam-depth3", 17, 0.85, BELOW_EDGE,
                "optimizer", "adam", "learning_rate", 0.01, "depth", 3, "epochs", 60));
        r.add(run(STABLE, "adaptive", "ill_conditioned", "adam", 18, 0.9, BELOW_EDGE
                        + " (Adam rescales the 991:1 valley)",
                "optimizer", "adam", "learning_rate", 1e-3, "epochs", 30));
        r.add(run(STABLE, "momentum", "digits", "residual-depth4", 19, 0.9, BELOW_EDGE + " (residual blocks)",
                "optimizer", "momentum", "learning_rate", 0.01, "residual", true, "depth", 4, "epochs", 8));
        r.add(run(STABLE, "momentum", "breast_cancer", "batchnorm", 20, 0.9, BELOW_EDGE + " (batch norm)",
                "optimizer", "momentum", "learning_rate", 0.01, "batch_norm", true, "epochs", 30));
        r.add(run(STABLE, "sgd", "digits", "tanh-xavier", 21, 0.9, BELOW_EDGE + " (tanh with Xavier init)",
                "optimizer", "sgd", "learning_rate", 0.1, "activation", "tanh", "weight_init", "xavier", "epochs", 8));
        r.add(run(STABLE, "small-batch", "digits", "sgd-bs8", 22, 0.9, "SGD at 0.05 with minibatches of 8:"
                        + " a noisy minibatch loss that still falls and settles (noise, not oscillation)",
                "optimizer", "sgd", "learning_rate", 0.05, "batch_size", 8, "epochs", 3));
        r.add(run(STABLE, "small-batch", "iris", "adam-bs4", 23, 0.85, "Adam at 0.01 with minibatches of 4:"
                        + " per-example losses make the minibatch loss jump while the trend falls and settles",
                "optimizer", "adam", "learning_rate", 0.01, "batch_size", 4, "epochs", 20));
        r.add(run(STABLE, "small-batch", "iris", "sgd-bs8", 24, 0.85, "SGD at 0.1 with minibatches of 8: noisy"
                        + " but falling and settling",
                "optimizer", "sgd", "learning_rate", 0.1, "batch_size", 8, "epochs", 40));
        r.add(run(STABLE, "full-batch", "ill_conditioned", "sgd-lr0.02", 25, 0.9, "full-batch gradient descent at"
                        + " 0.02: a quarter of the rate where this net diverges (about 0.08) and a fifth of 2/L for the"
                        + " linear model: every mode contracts and the loss falls monotonically",
                "optimizer", "sgd", "learning_rate", 0.02, "batch_size", FULL_BATCH, "depth", 1, "width", 32,
                "epochs", 600));
        r.add(run(STABLE, "full-batch", "spirals", "sgd-lr0.5", 1, 0.9, "full-batch gradient descent at 0.5 on"
                        + " spirals (the same net oscillates at 2): falls and settles",
                "optimizer", "sgd", "learning_rate", 0.5, "batch_size", FULL_BATCH, "depth", 2, "width", 32,
                "epochs", 800));
        for (double lr : new double[] {0.05, 0.06}) {
            r.add(run(STABLE, "catapult", "ill_conditioned", "sgd-lr" + lr, 1, 0.9, "full-batch gradient descent"
                            + " between the edge 2/sharpness and the divergence rate: the catapult phase of"
                            + " Lewkowycz et al. 2020: the loss rises for a few steps (staying below its untrained"
                            + " value) while the curvature drops and then converges: a rise that recovers is not"
                            + " diverging",
                    "optimizer", "sgd", "learning_rate", lr, "batch_size", FULL_BATCH, "depth", 1, "width", 32,
                    "epochs", 600));
        }
    }

    private static void diverging(List<Dl4jLabelledTraces.Run> r) {
        String huge = "a rate orders of magnitude above what this net trains at: every step overshoots by more"
                + " than it corrects";
        r.add(run(DIVERGING, "nan", "digits", "sgd-lr10", 31, 0, huge, "optimizer", "sgd", "learning_rate", 10.0,
                "epochs", 3));
        r.add(run(DIVERGING, "nan", "iris", "sgd-lr10", 32, 0, huge, "optimizer", "sgd", "learning_rate", 10.0,
                "batch_size", 16, "epochs", 20));
        r.add(run(DIVERGING, "nan", "spirals", "sgd-lr20", 33, 0, huge, "optimizer", "sgd", "learning_rate", 20.0,
                "epochs", 10));
        r.add(run(DIVERGING, "nan", "ill_conditioned", "full-batch-sgd-lr0.3", 34, 0, "full-batch gradient"
                        + " descent at 3x 2/L of the linear model and 4x where this net diverges: the top mode grows"
                        + " by |1 - lr L| > 1 a step",
                "optimizer", "sgd", "learning_rate", 0.3, "batch_size", FULL_BATCH, "depth", 1, "width", 32,
                "epochs", 300));
        r.add(run(DIVERGING, "nan", "ill_conditioned", "sgd-bs16-lr0.2", 35, 0, "minibatch SGD at twice 2/L:"
                        + " the valley's steep direction grows every step",
                "optimizer", "sgd", "learning_rate", 0.2, "batch_size", 16, "epochs", 10));
        r.add(run(DIVERGING, "nan", "diabetes", "raw-sgd-lr0.5", 36, 0, "unscaled features (up to hundreds)"
                        + " make the curvature thousands of times larger than standardised ones: SGD at 0.5 explodes",
                "optimizer", "sgd", "learning_rate", 0.5, "preprocess", "none", "epochs", 20));
        r.add(run(DIVERGING, "nan", "diabetes", "raw-momentum-lr0.05", 37, 0, "unscaled features with"
                        + " Nesterov momentum at 0.05: far beyond the edge of the raw features' curvature",
                "optimizer", "momentum", "learning_rate", 0.05, "preprocess", "none", "epochs", 20));
        r.add(run(DIVERGING, "cap", "digits", "adam-lr1", 38, 0, "Adam at 1 (1000x its default): the first"
                        + " steps throw the logits to the cross-entropy cap (DL4J clips at about 23 nats) and kill the"
                        + " ReLUs; the loss never returns below its untrained value",
                "optimizer", "adam", "learning_rate", 1.0, "epochs", 3));
        r.add(run(DIVERGING, "cap", "digits", "rmsprop-lr1", 39, 0, "RMSprop at 1 (1000x its default): logits"
                        + " thrown to the cross-entropy cap, units killed",
                "optimizer", "rmsprop", "learning_rate", 1.0, "epochs", 3));
        r.add(run(DIVERGING, "cap", "digits", "full-batch-sgd-lr4", 40, 0, "full-batch gradient descent at 4 on"
                        + " a 16-unit net that trains at 0.5-2: the loss climbs to the cross-entropy cap, then NaN",
                "optimizer", "sgd", "learning_rate", 4.0, "batch_size", FULL_BATCH, "depth", 1, "width", 16,
                "epochs", 300));
        r.add(run(DIVERGING, "raw", "breast_cancer", "sgd-lr1", 41, 0, "unscaled features (up to 4000): the first"
                        + " logits sit at the cross-entropy cap and SGD at 1 sends the weights off by orders of"
                        + " magnitude; every ReLU dies and the output can only learn the class priors",
                "optimizer", "sgd", "learning_rate", 1.0, "preprocess", "none", "epochs", 10));
        r.add(run(DIVERGING, "raw", "breast_cancer", "momentum-lr0.1", 42, 0, "unscaled features with Nesterov"
                        + " momentum at 0.1: runaway weights, dead units, flat at the priors",
                "optimizer", "momentum", "learning_rate", 0.1, "preprocess", "none", "epochs", 10));
        r.add(run(DIVERGING, "dead", "digits", "momentum-lr0.5", 43, 0, "Nesterov momentum at 0.5 (50x a"
                        + " sensible rate): the loss jumps to several times chance and the oversized steps kill every"
                        + " ReLU of a layer; the loss then sits flat at chance: a blow-up followed by a dead loss",
                "optimizer", "momentum", "learning_rate", 0.5, "width", 64, "epochs", 8));
        for (long seed : new long[] {3, 4, 7, 8, 9}) {
            r.add(run(DIVERGING, "dead", "digits", "sgd-lr1.49-seed" + seed, seed, 0, "SGD at 1.49 (30x the 0.05"
                            + " this net trains well at): it learns in the first epoch, then oversized steps kill the"
                            + " ReLUs and the loss returns to chance and goes flat: training is lost",
                    "optimizer", "sgd", "learning_rate", 1.49, "width", 32, "depth", 2, "epochs", 5));
        }
        r.add(run(DIVERGING, "dead", "digits", "sgd-bs8-lr0.5", 44, 0, "SGD at 0.5 on minibatches of 8 (the"
                        + " rate that works on batches of 32, with 4x the noise): units die and the loss returns to"
                        + " chance",
                "optimizer", "sgd", "learning_rate", 0.5, "batch_size", 8, "width", 32, "epochs", 3));
    }

    private static void vanishing(List<Dl4jLabelledTraces.Run> r) {
        String sigmoid = "a deep sigmoid stack: each layer multiplies the backward signal by at most 0.25 times"
                + " its weights' gain, so the first layer gets a vanishing share of the gradient and the loss"
                + " stays at chance (Glorot and Bengio 2010)";
        r.add(run(VANISHING, "deep-sigmoid", "digits", "xavier-depth10", 51, 0, sigmoid, "activation", "sigmoid",
                "weight_init", "xavier", "depth", 10, "width", 32, "optimizer", "sgd", "learning_rate", 0.1,
                "epochs", 5));
        r.add(run(VANISHING, "deep-sigmoid", "digits", "uniform-depth12-momentum", 52, 0, sigmoid
                        + "; small uniform init makes it worse", "activation", "sigmoid", "weight_init", "uniform",
                "depth", 12, "width", 32, "optimizer", "momentum", "learning_rate", 0.01, "epochs", 5));
        r.add(run(VANISHING, "deep-sigmoid", "iris", "xavier-depth15", 53, 0, sigmoid, "activation", "sigmoid",
                "weight_init", "xavier", "depth", 15, "width", 32, "optimizer", "sgd", "learning_rate", 0.1,
                "batch_size", 16, "epochs", 60));
        r.add(run(VANISHING, "deep-sigmoid", "breast_cancer", "xavier-depth12", 54, 0, sigmoid, "activation",
                "sigmoid", "weight_init", "xavier", "depth", 12, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.1, "epochs", 20));
        r.add(run(VANISHING, "deep-sigmoid", "breast_cancer", "uniform-depth15", 55, 0, sigmoid, "activation",
                "sigmoid", "weight_init", "uniform", "depth", 15, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.1, "epochs", 20));
        r.add(run(VANISHING, "deep-sigmoid", "spirals", "xavier-depth20", 56, 0, sigmoid, "activation", "sigmoid",
                "weight_init", "xavier", "depth", 20, "width", 32, "optimizer", "sgd", "learning_rate", 0.5,
                "epochs", 40));
        r.add(run(VANISHING, "deep-sigmoid", "diabetes", "xavier-depth10", 57, 0, sigmoid, "activation", "sigmoid",
                "weight_init", "xavier", "depth", 10, "width", 32, "optimizer", "sgd", "learning_rate", 0.05,
                "epochs", 40));
        r.add(run(VANISHING, "deep-sigmoid", "ill_conditioned", "xavier-depth12", 58, 0, sigmoid, "activation",
                "sigmoid", "weight_init", "xavier", "depth", 12, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.05, "epochs", 30));
        String saturated = "a deep tanh stack with N(0, 1) weights: pre-activations of size sqrt(32) saturate almost"
                + " every unit (tanh' near 0), so the backward signal dies layer by layer; the output layer can"
                + " only learn the class priors";
        r.add(run(VANISHING, "deep-tanh-saturated", "spirals", "normal-depth20", 59, 0, saturated, "activation",
                "tanh", "weight_init", "normal", "depth", 20, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.01, "epochs", 40));
        r.add(run(VANISHING, "deep-tanh-saturated", "iris", "normal-depth20", 60, 0, saturated, "activation",
                "tanh", "weight_init", "normal", "depth", 20, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.01, "batch_size", 16, "epochs", 60));
        r.add(run(VANISHING, "deep-tanh-saturated", "digits", "normal-depth15", 61, 0, saturated, "activation",
                "tanh", "weight_init", "normal", "depth", 15, "width", 32, "optimizer", "sgd",
                "learning_rate", 0.01, "epochs", 5));
        r.add(run(VANISHING, "deep-sigmoid-saturated", "digits", "normal-depth10", 62, 0, sigmoid
                        + "; N(0, 1) weights saturate it too", "activation", "sigmoid", "weight_init", "normal",
                "depth", 10, "width", 32, "optimizer", "sgd", "learning_rate", 0.1, "epochs", 5));
    }

    private static void oscillating(List<Dl4jLabelledTraces.Run> r) {
        String period2 = "full-batch gradient descent (no minibatch noise) past the edge of stability of a ReLU net"
                + " on standardised diabetes: the iterate settles into a period-2 cycle along the sharpest direction"
                + " (Cohen et al. 2021) and the loss goes up and down on alternate steps to the end; validation"
                + " flips with it";
        double[][] cycles = {{0.1, 1}, {0.2, 1}, {0.1, 2}, {0.1, 3}, {0.15, 3}, {0.15, 4}, {0.15, 5}, {0.15, 6}, {0.2, 6}};
        for (double[] c : cycles) {
            r.add(run(OSCILLATING, "period-2", "diabetes", "full-batch-sgd-lr" + c[0] + "-seed" + (long) c[1],
                    (long) c[1], 0, period2, "optimizer", "sgd", "learning_rate", c[0], "batch_size", FULL_BATCH,
                    "depth", 2, "width", 32, "epochs", 600));
        }
        String spikes = "full-batch gradient descent (no minibatch noise) at 4x the rate at which the same net"
                + " settles: the sharpness keeps overshooting 2/lr, and the loss falls then shoots up by an order of"
                + " magnitude again and again (edge of stability; Cohen et al. 2021)";
        for (long seed : new long[] {1, 2, 3}) {
            r.add(run(OSCILLATING, "spikes", "spirals", "full-batch-sgd-lr2-seed" + seed, seed, 0, spikes,
                    "optimizer", "sgd", "learning_rate", 2.0, "batch_size", FULL_BATCH, "depth", 2, "width", 32,
                    "epochs", 800));
        }
        String adaptive = "full-batch RMSprop (no minibatch noise) at 20-50x its default rate: as the gradient"
                + " shrinks its running average shrinks too, the effective step grows until the loss spikes by an"
                + " order of magnitude, and this repeats (adaptive edge of stability; Cohen et al. 2022)";
        double[][] rms = {{0.02, 1}, {0.02, 2}, {0.02, 3}, {0.05, 2}, {0.05, 3}};
        for (double[] c : rms) {
            r.add(run(OSCILLATING, "adaptive-spikes", "spirals", "full-batch-rmsprop-lr" + c[0] + "-seed" + (long) c[1],
                    (long) c[1], 0, adaptive, "optimizer", "rmsprop", "learning_rate", c[0], "batch_size", FULL_BATCH,
                    "depth", 2, "width", 32, "epochs", 1000));
        }
        String eos = "full-batch gradient descent on ill_conditioned with a tanh net just below where it diverges:"
                + " the edge of stability, where the loss keeps spiking and recovering";
        for (long seed : new long[] {1, 2, 3}) {
            r.add(run(OSCILLATING, "edge-of-stability", "ill_conditioned", "full-batch-tanh-lr0.08-seed" + seed, seed,
                    0, eos, "optimizer", "sgd", "activation", "tanh", "weight_init", "xavier", "learning_rate", 0.08,
                    "batch_size", FULL_BATCH, "depth", 1, "width", 32, "epochs", 800));
        }
        r.add(run(OSCILLATING, "heavy-momentum", "diabetes", "full-batch-momentum-lr0.02", 1, 0, "full-batch"
                        + " Nesterov momentum (0.9) near its edge: an under-damped mode that swings instead of"
                        + " settling",
                "optimizer", "momentum", "learning_rate", 0.02, "batch_size", FULL_BATCH, "depth", 2, "width", 32,
                "epochs", 800));
        r.add(run(OSCILLATING, "heavy-momentum", "spirals", "momentum-lr0.3", 1, 0, "minibatch Nesterov momentum"
                        + " (0.9) at 0.3: an under-damped, noise-driven swing",
                "optimizer", "momentum", "learning_rate", 0.3, "epochs", 60));
        r.add(run(OSCILLATING, "small-batch-edge", "iris", "adam-bs8-lr0.1", 1, 0, "Adam at 0.1 (100x its"
                        + " default) on minibatches of 8, just below where it diverges: the loss swings by large"
                        + " factors and keeps coming back",
                "optimizer", "adam", "learning_rate", 0.1, "batch_size", 8, "epochs", 60));
    }

    private static Dl4jLabelledTraces.Run run(Verdict label, String family, String dataset, String detail, long seed,
                                              double goodMetric, String argument, Object... knobs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < knobs.length; i += 2) {
            m.put((String) knobs[i], knobs[i + 1]);
        }
        String file = label.token() + "/" + family + "-" + dataset + "-" + detail + ".csv";
        return new Dl4jLabelledTraces.Run(file, label, family, dataset, seed, m, goodMetric, argument);
    }
}
