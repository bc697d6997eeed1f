package dev.keel.sweep.data;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticDatasetsTest {
    private static PreparedData load(String name, long seed) {
        return DataLoader.load(DataSpec.of("builtin:" + name, null), seed);
    }

    @Test
    void generatorsGiveTheSameRowsForTheSameSeedAndOthersForAnother() {
        for (SyntheticDataset generator : new SyntheticDataset[] {new TwoSpirals(), new IllConditionedRegression()}) {
            SyntheticDataset.Generated a = generator.generate(5);
            SyntheticDataset.Generated b = generator.generate(5);
            SyntheticDataset.Generated c = generator.generate(6);
            assertThat(b.features()).as(generator.name()).isDeepEqualTo(a.features());
            assertThat(b.targets()).as(generator.name()).containsExactly(a.targets());
            assertThat(c.features()[0]).as(generator.name()).isNotEqualTo(a.features()[0]);
        }
        PreparedData once = load("spirals", 5);
        PreparedData again = load("spirals", 5);
        assertThat(again.train().features()).isDeepEqualTo(once.train().features());
        assertThat(again.validation().targets()).containsExactly(once.validation().targets());
    }

    @Test
    void spiralsAreTwoBalancedClassesInThePlane() {
        PreparedData spirals = load("spirals", 1);
        assertThat(spirals.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(spirals.featureNames()).containsExactly("x", "y");
        assertThat(spirals.classNames()).containsExactly("0", "1");
        assertThat(spirals.rows()).isEqualTo(2 * TwoSpirals.ROWS_PER_CLASS);
        long ones = Arrays.stream(spirals.train().targets()).filter(t -> t == 1).count();
        assertThat(ones).isCloseTo(spirals.train().rows() / 2, within(1L));
    }

    /** The point of the dataset: a nonlinear boundary that a nearest-neighbour rule finds and a line does not. */
    @Test
    void spiralsAreLearnableButNotLinearlySeparable() {
        PreparedData spirals = load("spirals", 1);
        Table train = spirals.train();
        Table validation = spirals.validation();
        int nearestRight = 0;
        for (int i = 0; i < validation.rows(); i++) {
            double[] p = validation.features()[i];
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int j = 0; j < train.rows(); j++) {
                double dx = train.features()[j][0] - p[0];
                double dy = train.features()[j][1] - p[1];
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = j;
                }
            }
            nearestRight += train.targets()[best] == validation.targets()[i] ? 1 : 0;
        }
        assertThat(nearestRight / (double) validation.rows()).isGreaterThan(0.9);
        assertThat(bestLinearAccuracy(train)).as("chance is 0.5; separable data would score 1").isLessThan(0.75);
    }

    /** The best accuracy of any line through the data, over 360 directions and every threshold. */
    private static double bestLinearAccuracy(Table t) {
        double best = 0;
        for (int degree = 0; degree < 360; degree++) {
            double a = Math.toRadians(degree);
            double[] projection = Arrays.stream(t.features()).mapToDouble(p -> p[0] * Math.cos(a) + p[1] * Math.sin(a))
                    .toArray();
            for (double threshold : projection) {
                int right = 0;
                for (int i = 0; i < t.rows(); i++) {
                    right += (projection[i] > threshold ? 1 : 0) == t.targets()[i] ? 1 : 0;
                }
                best = Math.max(best, right / (double) t.rows());
            }
        }
        return best;
    }

    @Test
    void illConditionedFeaturesHaveExactlyTheDocumentedCovariance() {
        SyntheticDataset.Generated data = new IllConditionedRegression().generate(3);
        double[] eigenvalues = eigenvalues(covariance(data.features()));
        assertThat(eigenvalues[0]).isCloseTo(9.91, within(1e-9));
        assertThat(eigenvalues[eigenvalues.length - 1]).isCloseTo(0.01, within(1e-9));
        assertThat(eigenvalues[0] / eigenvalues[eigenvalues.length - 1]).isCloseTo(991, within(1e-6));
        assertThat(IllConditionedRegression.CURVATURE).isCloseTo(19.82, within(1e-12));
        assertThat(IllConditionedRegression.DIVERGENCE_LEARNING_RATE).isCloseTo(0.1009, within(1e-4));
    }

    /**
     * The documented claim, checked the way a user would: full-batch gradient descent on DL4J's MSE for a
     * linear model, on the training split, settles below 2/L and blows up above it.
     */
    @Test
    void gradientDescentDivergesAboveTwoOverLAndConvergesBelow() {
        PreparedData data = load("ill_conditioned", 8);
        assertThat(data.task()).isEqualTo(Task.REGRESSION);
        assertThat(data.features()).isEqualTo(IllConditionedRegression.FEATURES);
        double bound = IllConditionedRegression.DIVERGENCE_LEARNING_RATE;
        double[] below = gradientDescent(data.train(), 0.8 * bound, 300);
        double[] above = gradientDescent(data.train(), 1.25 * bound, 300);
        assertThat(below[1]).isLessThan(0.05 * below[0]);
        assertThat(above[1]).isGreaterThan(1e6 * above[0]);
        assertThat(data.notes()).anySatisfy(n -> assertThat(n).contains("2/L = 0.1009", "condition number 991"));
    }

    /** Initial and final mean squared error of a linear model with bias, started at zero. */
    private static double[] gradientDescent(Table t, double learningRate, int steps) {
        int d = t.columns();
        double[] w = new double[d + 1];
        double first = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step <= steps; step++) {
            double[] grad = new double[d + 1];
            loss = 0;
            for (int i = 0; i < t.rows(); i++) {
                double[] x = t.features()[i];
                double prediction = w[d];
                for (int j = 0; j < d; j++) {
                    prediction += w[j] * x[j];
                }
                double error = prediction - t.targets()[i];
                loss += error * error / t.rows();
                for (int j = 0; j < d; j++) {
                    grad[j] += 2 * error * x[j] / t.rows();
                }
                grad[d] += 2 * error / t.rows();
            }
            if (step == 0) {
                first = loss;
            }
            for (int j = 0; j <= d; j++) {
                w[j] -= learningRate * grad[j];
            }
        }
        return new double[] {first, loss};
    }

    private static RealMatrix covariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / n;
                }
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    private static double[] eigenvalues(RealMatrix symmetric) {
        double[] values = new EigenDecomposition(symmetric).getRealEigenvalues();
        return Arrays.stream(values).boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
    }
}
