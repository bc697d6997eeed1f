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
 * one step an epoch. Runs stay at or under about 1,200 steps to keep the files small. The first part of each
 * method is the original set; the second (after "added") the runs of the families keel got wrong.
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
        runs.addAll(added());
        return runs;
    }

    /**
     * The runs added on 2026-12-02. Their manifest rows name their half explicitly, so that the halves the test
     * assigns to the original rows (alternating within each label, in file order, over the rows with no split) stay
     * as they were.
     */
    static List<Dl4jLabelledTraces.Run> added() {
        List<Dl4jLabelledTraces.Run> runs = new ArrayList<>();
        addedStable(runs);
        addedDiverging(runs);
        addedVanishing(runs);
        addedOscillating(runs);
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
        r.add(reference(run(OSCILLATING, "heavy-momentum", "spirals", "momentum-lr0.3", 1, 0, "minibatch Nesterov"
                        + " momentum (0.9) at 0.3: an under-damped, noise-driven swing (reference rate 0.01)",
                "optimizer", "momentum", "learning_rate", 0.3, "epochs", 60), 0.01));
        r.add(reference(run(OSCILLATING, "small-batch-edge", "iris", "adam-bs8-lr0.1", 1, 0, "Adam at 0.1 (100x"
                        + " its default) on minibatches of 8, just below where it diverges: the loss swings by large"
                        + " factors and keeps coming back (reference rate 1e-3)",
                "optimizer", "adam", "learning_rate", 0.1, "batch_size", 8, "epochs", 60), 1e-3));
    }

    // ---- added: the families keel got wrong -------------------------------------------------------------------

    private static void addedStable(List<Dl4jLabelledTraces.Run> r) {
        String noise = "minibatches of %d at an ordinary rate on easy data: single-batch losses jump (one hard example"
                + " is a large share of the batch) while the validation loss, measured on the whole split, falls"
                + " smoothly: noise, not oscillation";
        r.add(smooth(run(STABLE, "small-batch-noise", "breast_cancer", "sgd-bs2-lr0.01-seed1", 1, 0.9,
                String.format(noise, 2), "optimizer", "sgd", "learning_rate", 0.01, "batch_size", 2, "epochs", 5)));
        r.add(smooth(run(STABLE, "small-batch-noise", "breast_cancer", "adam-bs4-lr1e-3-seed1", 1, 0.9,
                String.format(noise, 4), "optimizer", "adam", "learning_rate", 1e-3, "batch_size", 4, "epochs", 10)));
        r.add(smooth(run(STABLE, "small-batch-noise", "digits", "sgd-bs4-lr0.01-seed1", 1, 0.9,
                String.format(noise, 4), "optimizer", "sgd", "learning_rate", 0.01, "batch_size", 4, "epochs", 3)));
        r.add(smooth(run(STABLE, "small-batch-noise", "digits", "adam-bs8-lr1e-3-seed1", 1, 0.9,
                String.format(noise, 8), "optimizer", "adam", "learning_rate", 1e-3, "batch_size", 8, "epochs", 7)));
        for (long seed : new long[] {1, 2}) {
            r.add(smooth(run(STABLE, "small-batch-noise", "iris", "sgd-bs1-lr0.01-seed" + seed, seed, 0.85,
                    String.format(noise, 1), "optimizer", "sgd", "learning_rate", 0.01, "batch_size", 1,
                    "epochs", 10)));
        }
        r.add(run(STABLE, "plateau", "digits", "width4-adam-lr0.01", 1, 0.8, "a single hidden layer of 4 units:"
                        + " Adam learns what it can in a few epochs, then the loss sits on the plateau its capacity"
                        + " allows (a plateau after learning)",
                "optimizer", "adam", "learning_rate", 0.01, "depth", 1, "width", 4, "epochs", 25));
        r.add(run(STABLE, "plateau", "breast_cancer", "adam-lr0.01", 1, 0.9, "Adam at 0.01 on an easy binary task:"
                        + " it learns in a few epochs, then the loss stays near zero for the rest of the run (a"
                        + " plateau after learning; the validation loss creeps up as the fit sharpens: overfitting)",
                "optimizer", "adam", "learning_rate", 0.01, "epochs", 60));
        r.add(run(STABLE, "slow", "digits", "sgd-lr0.003", 1, 0.85, "SGD at 0.003 (a sixteenth of the 0.05 this net"
                        + " trains well at): a slow decline that still ends far below chance",
                "optimizer", "sgd", "learning_rate", 0.003, "epochs", 30));
        r.add(run(STABLE, "slow", "breast_cancer", "sgd-lr0.001", 1, 0.9, "SGD at 0.001: a slow decline that"
                        + " still ends far below chance",
                "optimizer", "sgd", "learning_rate", 0.001, "epochs", 60));
        r.add(run(STABLE, "slow", "iris", "sgd-bs16-lr0.01", 1, 0.85, "SGD at 0.01 on minibatches of 16: a slow"
                        + " decline that still ends far below chance",
                "optimizer", "sgd", "learning_rate", 0.01, "batch_size", 16, "epochs", 100));
    }

    private static void addedDiverging(List<Dl4jLabelledTraces.Run> r) {
        String dead = "%s (%s the rate this net trains well at): it learns in the first epochs, then an oversized step"
                + " kills the ReLUs, the loss returns to chance and stays there: training is lost";
        for (long seed : new long[] {1, 2}) {
            r.add(run(DIVERGING, "dead", "digits", "momentum-lr0.2-seed" + seed, seed, 0,
                    String.format(dead, "Nesterov momentum at 0.2", "20x"),
                    "optimizer", "momentum", "learning_rate", 0.2, "epochs", 12));
        }
        for (long seed : new long[] {1, 3, 6}) {
            r.add(run(DIVERGING, "dead", "digits", "sgd-lr1-seed" + seed, seed, 0,
                    String.format(dead, "SGD at 1", "20x"), "optimizer", "sgd", "learning_rate", 1.0, "epochs", 25));
        }
        for (long seed : new long[] {1, 2}) {
            r.add(run(DIVERGING, "dead", "spirals", "momentum-lr0.5-seed" + seed, seed, 0,
                    String.format(dead, "Nesterov momentum at 0.5", "50x"),
                    "optimizer", "momentum", "learning_rate", 0.5, "epochs", 30));
        }
        r.add(run(DIVERGING, "dead", "breast_cancer", "sgd-lr1", 1, 0, String.format(dead, "SGD at 1", "100x"),
                "optimizer", "sgd", "learning_rate", 1.0, "epochs", 30));
        String nan = "a rate far above this net's edge: the loss explodes to NaN within a few steps";
        r.add(run(DIVERGING, "nan", "breast_cancer", "sgd-lr3", 1, 0, nan, "optimizer", "sgd", "learning_rate", 3.0,
                "epochs", 30));
        r.add(run(DIVERGING, "nan", "diabetes", "sgd-lr1", 1, 0, nan + " (standardised features: the MSE"
                        + " reaches thousands in three steps)",
                "optimizer", "sgd", "learning_rate", 1.0, "epochs", 20));
        String explode = "%s: the first steps throw the loss to many times chance and kill the units; the loss then"
                + " sits flat at chance (explode, then flat)";
        r.add(run(DIVERGING, "explode-flat", "spirals", "adam-lr1", 1, 0, String.format(explode, "Adam at 1 (100x"
                        + " a sensible rate)"),
                "optimizer", "adam", "learning_rate", 1.0, "epochs", 30));
        r.add(run(DIVERGING, "explode-flat", "spirals", "sgd-lr3", 1, 0, String.format(explode, "SGD at 3"),
                "optimizer", "sgd", "learning_rate", 3.0, "epochs", 30));
        r.add(run(DIVERGING, "explode-flat", "breast_cancer", "momentum-lr0.5", 1, 0, String.format(explode,
                        "Nesterov momentum at 0.5 (the weights run away by orders of magnitude)"),
                "optimizer", "momentum", "learning_rate", 0.5, "epochs", 30));
    }

    private static void addedVanishing(List<Dl4jLabelledTraces.Run> r) {
        String sigmoid = "a 20-layer sigmoid stack with N(0, 1) weights: the saturated start puts the loss far above"
                + " chance, SGD brings it down to the chance level within a few dozen steps by fitting the output to"
                + " the class priors, and there it stays: the early layers get no usable gradient and nothing is"
                + " learnt (however far the loss fell, it fell to chance)";
        for (long seed : new long[] {1, 2, 3, 4}) {
            r.add(run(VANISHING, "deep-sigmoid-normal", "digits", "depth20-seed" + seed, seed, 0, sigmoid,
                    "depth", 20, "width", 32, "activation", "sigmoid", "weight_init", "normal", "optimizer", "sgd",
                    "learning_rate", 0.05, "batch_norm", false, "residual", false, "epochs", 6));
        }
        r.add(run(VANISHING, "deep-sigmoid-normal", "breast_cancer", "depth20-seed1", 1, 0, sigmoid, "depth", 20,
                "width", 32, "activation", "sigmoid", "weight_init", "normal", "optimizer", "sgd",
                "learning_rate", 0.05, "epochs", 30));
        for (long seed : new long[] {1, 2}) {
            r.add(run(VANISHING, "deep-sigmoid-normal", "iris", "depth20-seed" + seed, seed, 0, sigmoid, "depth", 20,
                    "width", 32, "activation", "sigmoid", "weight_init", "normal", "optimizer", "sgd",
                    "learning_rate", 0.05, "batch_size", 16, "epochs", 60));
            r.add(run(VANISHING, "deep-sigmoid-normal", "spirals", "depth15-seed" + seed, seed, 0,
                    sigmoid.replace("20-layer", "15-layer"), "depth", 15, "width", 32, "activation", "sigmoid",
                    "weight_init", "normal", "optimizer", "sgd", "learning_rate", 0.05, "epochs", 40));
        }
        r.add(run(VANISHING, "deep-sigmoid-normal", "diabetes", "depth15-seed1", 1, 0,
                sigmoid.replace("20-layer", "15-layer").replace("class priors", "target mean"), "depth", 15,
                "width", 32, "activation", "sigmoid", "weight_init", "normal", "optimizer", "sgd",
                "learning_rate", 0.05, "epochs", 40));
        String tanh = "a 20-layer tanh stack with small uniform weights (U(+-1/sqrt(fan_in)): each layer scales the"
                + " signal by about 1/sqrt(3)): forward and backward signals shrink layer by layer, the output sees"
                + " nothing of the input and the loss sits at chance";
        r.add(run(VANISHING, "deep-tanh-uniform", "digits", "depth20", 1, 0, tanh, "depth", 20, "width", 32,
                "activation", "tanh", "weight_init", "uniform", "optimizer", "sgd", "learning_rate", 0.05,
                "epochs", 6));
        r.add(run(VANISHING, "deep-tanh-uniform", "breast_cancer", "depth20", 1, 0, tanh, "depth", 20, "width", 32,
                "activation", "tanh", "weight_init", "uniform", "optimizer", "sgd", "learning_rate", 0.05,
                "epochs", 30));
        String tiny = "a learning rate so small that nothing moves (%s: updates of about 1e-6 of the weights a step)"
                + " on a net whose small uniform initialisation starts at chance: the loss never leaves it";
        r.add(run(VANISHING, "tiny-lr", "digits", "sgd-lr1e-5", 1, 0, String.format(tiny, "SGD at 1e-5"),
                "activation", "relu", "weight_init", "uniform", "depth", 3, "optimizer", "sgd",
                "learning_rate", 1e-5, "epochs", 6));
        r.add(run(VANISHING, "tiny-lr", "iris", "adam-lr1e-6", 1, 0, String.format(tiny, "Adam at 1e-6"),
                "activation", "relu", "weight_init", "uniform", "depth", 3, "optimizer", "adam",
                "learning_rate", 1e-6, "batch_size", 16, "epochs", 60));
        r.add(run(VANISHING, "tiny-lr", "spirals", "sgd-lr1e-5", 1, 0, String.format(tiny, "SGD at 1e-5"),
                "activation", "relu", "weight_init", "uniform", "depth", 3, "optimizer", "sgd",
                "learning_rate", 1e-5, "epochs", 40));
    }

    private static void addedOscillating(List<Dl4jLabelledTraces.Run> r) {
        String band = "%s (%s its reference rate %s): the loss falls once, then the oversized steps keep throwing the"
                + " net around (most ReLUs dead): the validation loss bounces epoch to epoch in a wide band far above"
                + " what the same net reaches at the reference rate";
        for (long seed : new long[] {1, 2, 3, 4}) {
            r.add(reference(run(OSCILLATING, "adam-band", "digits", "lr0.05-seed" + seed, seed, 0,
                    String.format(band, "Adam at 0.05", "50x", "1e-3"), "optimizer", "adam", "learning_rate", 0.05,
                    "epochs", 30), 1e-3));
        }
        r.add(reference(run(OSCILLATING, "adam-band", "digits", "lr0.07-seed2", 2, 0,
                String.format(band, "Adam at 0.07", "70x", "1e-3"), "optimizer", "adam", "learning_rate", 0.07,
                "epochs", 30), 1e-3));
        r.add(reference(run(OSCILLATING, "adam-band", "breast_cancer", "lr0.1", 1, 0,
                String.format(band, "Adam at 0.1", "100x", "1e-3"), "optimizer", "adam", "learning_rate", 0.1,
                "epochs", 60), 1e-3));
        r.add(reference(run(OSCILLATING, "adam-band", "spirals", "lr0.1", 1, 0,
                String.format(band, "Adam at 0.1", "10x", "0.01 (Adam at 1e-3 has not learnt spirals by the end)"),
                "optimizer", "adam", "learning_rate", 0.1, "epochs", 60), 0.01));
        for (long seed : new long[] {1, 2, 3}) {
            r.add(reference(run(OSCILLATING, "rmsprop-band", "digits", "lr0.05-seed" + seed, seed, 0,
                    String.format(band, "RMSprop at 0.05", "50x", "1e-3"), "optimizer", "rmsprop",
                    "learning_rate", 0.05, "epochs", 30), 1e-3));
        }
        r.add(reference(run(OSCILLATING, "rmsprop-band", "digits", "lr0.02-seed1", 1, 0,
                String.format(band, "RMSprop at 0.02", "20x", "1e-3"), "optimizer", "rmsprop",
                "learning_rate", 0.02, "epochs", 30), 1e-3));
        String bounce = "%s (%s its reference rate %s) on minibatches of 32: it learns, then repeated oversized steps"
                + " knock it back: spikes of the training loss and a validation loss that bounces epoch to epoch, far"
                + " above the reference's, without dying";
        for (long seed : new long[] {1, 5}) {
            r.add(reference(run(OSCILLATING, "sgd-bounce", "digits", "lr0.9-seed" + seed, seed, 0,
                    String.format(bounce, "SGD at 0.9", "18x", "0.05"), "optimizer", "sgd", "learning_rate", 0.9,
                    "epochs", 25), 0.05));
        }
        for (long seed : new long[] {2, 4}) {
            r.add(reference(run(OSCILLATING, "momentum-bounce", "digits", "lr0.1-seed" + seed, seed, 0,
                    String.format(bounce, "Nesterov momentum at 0.1", "10x", "0.01"), "optimizer", "momentum",
                    "learning_rate", 0.1, "epochs", 30), 0.01));
        }
    }

    private static Dl4jLabelledTraces.Run reference(Dl4jLabelledTraces.Run run, double rate) {
        return new Dl4jLabelledTraces.Run(run.file(), run.label(), run.family(), run.dataset(), run.seed(), run.knobs(),
                run.goodMetric(), run.argument(), rate, run.smoothValidation());
    }

    private static Dl4jLabelledTraces.Run smooth(Dl4jLabelledTraces.Run run) {
        return new Dl4jLabelledTraces.Run(run.file(), run.label(), run.family(), run.dataset(), run.seed(), run.knobs(),
                run.goodMetric(), run.argument(), run.referenceRate(), true);
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
