package dev.keel.sweep.data;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code builtin:ill_conditioned}: linear regression {@code y = X·w + ε} whose features are strongly
 * correlated, so the loss surface is a long narrow valley and the largest stable learning rate is known.
 *
 * <p>The {@link #FEATURES} features are drawn so that their covariance over the whole dataset (divided by
 * n, mean exactly 0) is exactly the equicorrelation matrix {@code Σ = (1-ρ)·I + ρ·11ᵀ} with
 * ρ = {@link #CORRELATION}. Every feature has variance 1, so standardisation leaves Σ as it is; what makes
 * the problem hard is the correlation, which no per-column scaling removes. Σ's eigenvalues are
 * {@code 1 + (d-1)ρ} = 9.91 (along 1, once) and {@code 1-ρ} = 0.01 (d-1 times):
 * condition number 991.
 *
 * <p>Curvature: DL4J's MSE loss is the mean of {@code (ŷ-y)²} with no ½, so for a linear model (no
 * hidden layer) its Hessian is {@code 2Σ} and the curvature is {@code L = 2·λmax} = 19.82.
 * Full-batch gradient descent on a quadratic converges for learning rates below {@code 2/L} and diverges
 * above: 2/L = 0.1009 here. (With the ½·MSE convention L = λmax = 9.91 and the
 * bound is 0.2018.) The training split holds 70% of the rows, so its own λmax differs by a few percent;
 * minibatch SGD, momentum and Adam move the bound, and hidden layers change it, but the valley stays.
 *
 * <p>The true weights are drawn N(0, 1) per feature and the noise ε is N(0, {@link #NOISE}²), both from
 * the seed.
 */
final class IllConditionedRegression implements SyntheticDataset {
    static final int ROWS = 800;
    static final int FEATURES = 10;
    static final double CORRELATION = 0.99;
    static final double NOISE = 0.1;
    /** Σ's eigenvalue along 1: 9.91. */
    static final double LARGEST_EIGENVALUE = 1 + (FEATURES - 1) * CORRELATION;
    /** Σ's eigenvalue orthogonal to 1: 0.01. */
    static final double SMALLEST_EIGENVALUE = 1 - CORRELATION;
    /** 991. */
    static final double CONDITION_NUMBER = LARGEST_EIGENVALUE / SMALLEST_EIGENVALUE;
    /** 2·λmax = 19.82: the Hessian's largest eigenvalue for DL4J's MSE (no ½) on a linear model. */
    static final double CURVATURE = 2 * LARGEST_EIGENVALUE;
    /** 2/L = 0.1009: full-batch gradient descent diverges above this learning rate. */
    static final double DIVERGENCE_LEARNING_RATE = 2 / CURVATURE;

    @Override
    public String name() {
        return "ill_conditioned";
    }

    @Override
    public String target() {
        return "y";
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Generated generate(long seed) {
        Random rng = new Random(Seeds.derive(seed, "builtin:ill_conditioned"));
        double[][] z = new double[ROWS][FEATURES];
        for (double[] row : z) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] x = whitened(z).multiply(sqrtOfSigma()).getData();
        double[] weights = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            weights[j] = rng.nextGaussian();
        }
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double sum = 0;
            for (int j = 0; j < FEATURES; j++) {
                sum += x[i][j] * weights[j];
            }
            y[i] = sum + NOISE * rng.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("x" + j);
        }
        String note = String.format(Locale.ROOT, "builtin:ill_conditioned: %d features with pairwise correlation %s,"
                + " condition number %.0f, MSE curvature L = %.2f for a linear model: full-batch gradient descent"
                + " diverges above learning rate 2/L = %.4f; drawn from seed %d",
                FEATURES, Cells.format(CORRELATION), CONDITION_NUMBER, CURVATURE, DIVERGENCE_LEARNING_RATE, seed);
        return new Generated(names, List.of(), x, y, List.of(note));
    }

    /** z centred and decorrelated so that its covariance (over n) is exactly I. */
    private static RealMatrix whitened(double[][] z) {
        int n = z.length;
        for (int j = 0; j < FEATURES; j++) {
            double mean = 0;
            for (double[] row : z) {
                mean += row[j];
            }
            mean /= n;
            for (double[] row : z) {
                row[j] -= mean;
            }
        }
        RealMatrix zm = new Array2DRowRealMatrix(z, false);
        RealMatrix covariance = zm.transpose().multiply(zm).scalarMultiply(1.0 / n);
        RealMatrix lower = new CholeskyDecomposition(covariance).getL();
        return zm.multiply(MatrixUtils.inverse(lower).transpose());
    }

    /** Σ^½ = a·I + b·11ᵀ, with a = √(1-ρ) on the directions orthogonal to 1 and a + d·b = √λmax along 1. */
    private static RealMatrix sqrtOfSigma() {
        double a = Math.sqrt(SMALLEST_EIGENVALUE);
        double b = (Math.sqrt(LARGEST_EIGENVALUE) - a) / FEATURES;
        RealMatrix s = new Array2DRowRealMatrix(FEATURES, FEATURES);
        for (int i = 0; i < FEATURES; i++) {
            for (int j = 0; j < FEATURES; j++) {
                s.setEntry(i, j, (i == j ? a : 0) + b);
            }
        }
        return s;
    }
}
