package dev.keel.sweep.train;

import dev.keel.sweep.config.TrialConfig;
import dev.keel.sweep.data.Augmenter;
import dev.keel.sweep.data.PreparedData;
import dev.keel.sweep.data.Preprocessor;
import dev.keel.sweep.data.Table;
import dev.keel.sweep.data.Task;

import java.util.Random;

/**
 * The data side of a trial: preprocessing fitted on the training split, the training rows of each epoch
 * (re-augmented every epoch when {@code augment} is on), and the regression target's scale.
 *
 * <p>Regression targets are standardised with the training split's mean and standard deviation, whatever
 * {@code preprocess} says (that knob is about the features): the loss is then comparable across datasets and
 * the output layer's initial scale fits. RMSE and R² are reported in the target's own units.
 */
final class TrialData {
    private final PreparedData data;
    private final Preprocessor preprocessor;
    private final Augmenter augmenter;
    private final Table fixedTrain;
    private final double targetMean;
    private final double targetSd;

    TrialData(TrialConfig config, PreparedData data) {
        this.data = data;
        this.preprocessor = Preprocessor.fit(config.preprocess(), data.train());
        this.augmenter = new Augmenter(config.augment(), data.image(), preprocessor);
        this.fixedTrain = augmenter.enabled() ? null : preprocessor.apply(data.train());
        boolean classification = data.task() == Task.CLASSIFICATION;
        this.targetMean = classification ? 0 : mean(data.train().targets());
        this.targetSd = classification ? 1 : sd(data.train().targets(), targetMean);
    }

    boolean classification() {
        return data.task() == Task.CLASSIFICATION;
    }

    int trainRows() {
        return data.train().rows();
    }

    /** The training rows for the next epoch, preprocessed and, with augmentation on, freshly augmented. */
    Table epoch(Random rng) {
        return fixedTrain != null ? fixedTrain : augmenter.apply(data.train(), rng);
    }

    Table validation() {
        return preprocessor.apply(data.validation());
    }

    Table test() {
        return preprocessor.apply(data.test());
    }

    double targetMean() {
        return targetMean;
    }

    double targetSd() {
        return targetSd;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(s / Math.max(1, v.length));
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }
}
