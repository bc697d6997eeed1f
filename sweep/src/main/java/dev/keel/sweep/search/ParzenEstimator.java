package dev.keel.sweep.search;

import org.apache.commons.math3.special.Erf;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A Parzen (kernel density) estimator over a few coordinates: numbers are positions in [0, 1] with truncated
 * Gaussian kernels, lists are category indices with smoothed one-hot kernels, and one more kernel (the prior)
 * spreads over the whole domain so that no region ever has density zero. Each observation is one kernel over
 * every coordinate (a mixture of products, Optuna's multivariate TPE); an estimator of one coordinate is the
 * univariate kind. Bandwidths follow Optuna's {@code _ParzenEstimator} (v3 and later): Scott's rule for the
 * multivariate kind, the gap to the neighbouring observations for the univariate one, both clipped to
 * [1 / min(100, kernels + 1), 1] of the range.
 */
public final class ParzenEstimator {
    /** Weight of the prior kernel against one observation's (Optuna's prior_weight). */
    static final double PRIOR_WEIGHT = 1.0;
    /** Scott's-rule factor of the multivariate bandwidth (Optuna's SIGMA0_MAGNITUDE). */
    static final double SIGMA0_MAGNITUDE = 0.2;
    /** The smallest bandwidth is the range over min(this, kernels + 1) (Optuna's magic clip). */
    static final double MAGIC_CLIP_KERNELS = 100;

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int[] choices;
    private final double[] logWeights;
    private final double[] cumulative;
    private final double[][] mu;
    private final double[][] sigma;
    private final double[][] logNorm;
    private final double[][][] logProbs;

    private ParzenEstimator(int[] choices, double[] weights, double[][] mu, double[][] sigma,
                            double[][][] probs) {
        this.choices = choices;
        int k = weights.length;
        this.logWeights = new double[k];
        this.cumulative = new double[k];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double run = 0;
        for (int i = 0; i < k; i++) {
            logWeights[i] = Math.log(weights[i] / total);
            run += weights[i] / total;
            cumulative[i] = run;
        }
        this.mu = mu;
        this.sigma = sigma;
        this.logNorm = new double[k][choices.length];
        this.logProbs = new double[k][choices.length][];
        for (int i = 0; i < k; i++) {
            for (int d = 0; d < choices.length; d++) {
                if (choices[d] == 0) {
                    double a = cdf(-mu[i][d] / sigma[i][d]);
                    double b = cdf((1 - mu[i][d]) / sigma[i][d]);
                    logNorm[i][d] = Math.log(sigma[i][d]) + LOG_SQRT_2PI + Math.log(Math.max(b - a, 1e-300));
                } else {
                    logProbs[i][d] = new double[choices[d]];
                    for (int c = 0; c < choices[d]; c++) {
                        logProbs[i][d][c] = Math.log(probs[i][d][c]);
                    }
                }
            }
        }
    }

    /**
     * Fits an estimator to observations.
     *
     * @param choices      per coordinate: 0 for a position in [0, 1], else the number of categories
     * @param observations one array per observation, a coordinate each (a category as its index)
     * @param multivariate Scott's-rule bandwidths (a joint model); else neighbour gaps (one coordinate at a time)
     */
    public static ParzenEstimator fit(int[] choices, List<double[]> observations, boolean multivariate) {
        int n = observations.size();
        int dims = choices.length;
        int kernels = n + 1;
        double[] weights = new double[kernels];
        java.util.Arrays.fill(weights, 0, n, 1.0);
        weights[n] = PRIOR_WEIGHT;
        double[][] mu = new double[kernels][dims];
        double[][] sigma = new double[kernels][dims];
        double[][][] probs = new double[kernels][dims][];
        double minSigma = 1.0 / Math.min(MAGIC_CLIP_KERNELS, 1.0 + kernels);
        for (int d = 0; d < dims; d++) {
            if (choices[d] == 0) {
                double[] sigmas = multivariate ? scott(n, dims) : neighbourGaps(observations, d);
                for (int i = 0; i < n; i++) {
                    mu[i][d] = observations.get(i)[d];
                    sigma[i][d] = Math.max(minSigma, Math.min(1.0, sigmas[i]));
                }
                mu[n][d] = 0.5;
                sigma[n][d] = 1.0;
            } else {
                int m = choices[d];
                for (int i = 0; i < n; i++) {
                    probs[i][d] = new double[m];
                    java.util.Arrays.fill(probs[i][d], PRIOR_WEIGHT / kernels);
                    probs[i][d][(int) observations.get(i)[d]] += 1;
                    normalise(probs[i][d]);
                }
                probs[n][d] = new double[m];
                java.util.Arrays.fill(probs[n][d], 1.0 / m);
            }
        }
        return new ParzenEstimator(choices.clone(), weights, mu, sigma, probs);
    }

    private static double[] scott(int n, int dims) {
        double s = SIGMA0_MAGNITUDE * Math.pow(Math.max(n, 1), -1.0 / (dims + 4));
        double[] sigmas = new double[n];
        java.util.Arrays.fill(sigmas, s);
        return sigmas;
    }

    /**
     * Each observation's bandwidth is its larger gap to the neighbouring observations, the prior's centre 0.5
     * counted among them and the ends 0 and 1 bounding them; the outermost take the gap to their inner neighbour
     * only (Optuna's consider_endpoints=False).
     */
    private static double[] neighbourGaps(List<double[]> observations, int d) {
        int n = observations.size();
        double[][] sorted = new double[n + 1][];
        for (int i = 0; i < n; i++) {
            sorted[i] = new double[] {observations.get(i)[d], i};
        }
        sorted[n] = new double[] {0.5, n};
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble((double[] a) -> a[0])
                .thenComparingDouble(a -> a[1]));
        double[] withEnds = new double[n + 3];
        withEnds[0] = 0;
        for (int i = 0; i <= n; i++) {
            withEnds[i + 1] = sorted[i][0];
        }
        withEnds[n + 2] = 1;
        double[] sortedSigmas = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            sortedSigmas[i] = Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
        }
        if (n + 3 >= 4) {
            sortedSigmas[0] = withEnds[2] - withEnds[1];
            sortedSigmas[n] = withEnds[n + 1] - withEnds[n];
        }
        double[] sigmas = new double[n];
        for (int i = 0; i <= n; i++) {
            int original = (int) sorted[i][1];
            if (original < n) {
                sigmas[original] = sortedSigmas[i];
            }
        }
        return sigmas;
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }

    /** One draw: a kernel by its weight, then each coordinate from that kernel. */
    public double[] sample(SplittableRandom random) {
        double r = random.nextDouble();
        int k = 0;
        while (k < cumulative.length - 1 && r >= cumulative[k]) {
            k++;
        }
        double[] x = new double[choices.length];
        for (int d = 0; d < choices.length; d++) {
            if (choices[d] == 0) {
                double a = cdf(-mu[k][d] / sigma[k][d]);
                double b = cdf((1 - mu[k][d]) / sigma[k][d]);
                double p = a + random.nextDouble() * (b - a);
                x[d] = Math.max(0, Math.min(1, mu[k][d] + sigma[k][d] * inverseCdf(p)));
            } else {
                double u = random.nextDouble();
                double run = 0;
                int c = 0;
                for (; c < choices[d] - 1; c++) {
                    run += Math.exp(logProbs[k][d][c]);
                    if (u < run) {
                        break;
                    }
                }
                x[d] = c;
            }
        }
        return x;
    }

    /** The log density at {@code x} (a category's probability for list coordinates). */
    public double logPdf(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[logWeights.length];
        for (int k = 0; k < logWeights.length; k++) {
            double t = logWeights[k];
            for (int d = 0; d < choices.length; d++) {
                if (choices[d] == 0) {
                    double z = (x[d] - mu[k][d]) / sigma[k][d];
                    t += -0.5 * z * z - logNorm[k][d];
                } else {
                    t += logProbs[k][d][(int) x[d]];
                }
            }
            terms[k] = t;
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    private static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    private static double inverseCdf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -Math.sqrt(2) * Erf.erfcInv(2 * p);
    }
}
