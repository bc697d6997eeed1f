package dev.keel.diagnose.labelled;

import dev.keel.diagnose.trace.Trace;

import java.util.List;
import java.util.Random;

/**
 * Traces whose label follows from optimisation theory rather than from the classifier's opinion.
 *
 * <ul>
 *   <li>Gradient descent on f(x) = ½ Σ λᵢ xᵢ² with step η: component i scales by (1 − ηλᵢ) a step, so the
 *   run converges iff η < 2/L (L = max λᵢ) and diverges geometrically above it.</li>
 *   <li>Above the edge 2/λ of a function whose curvature falls away from the minimum (log-cosh), the fixed
 *   point loses stability to a bounded period-2 cycle (period doubling, as in Cohen et al. 2021, "Gradient
 *   descent on neural networks typically occurs at the edge of stability"); with an asymmetric function the
 *   two points of the cycle have different losses, so the loss flips up and down for ever.</li>
 *   <li>Heavy-ball momentum on a quadratic is under-damped when β is near 1: its iterate rotates with modulus
 *   √β; minibatch noise keeps re-exciting the rotation, so the loss swings without settling.</li>
 * </ul>
 */
final class TheoryRuns {
    private TheoryRuns() {
    }

    /** Curvatures spread log-uniformly between L/condition and L, L first. */
    static double[] curvatures(int dims, double l, double condition) {
        double[] lambda = new double[dims];
        for (int i = 0; i < dims; i++) {
            lambda[i] = l * Math.pow(condition, -(double) i / (dims - 1));
        }
        return lambda;
    }

    static double quadratic(double[] lambda, double[] x) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            f += 0.5 * lambda[i] * x[i] * x[i];
        }
        return f;
    }

    /**
     * Gradient descent with step {@code lrOfStep(t) / L}; {@code noise} is the relative sd of a multiplicative
     * minibatch-like noise on the logged loss (0 for the exact loss); {@code scale} multiplies the loss.
     * The run goes on past overflow, logging Infinity and NaN as a framework would.
     */
    static Trace quadraticDescent(int steps, double[] lambda, java.util.function.IntToDoubleFunction lrTimesL,
                                  double noise, double scale, long seed) {
        return quadraticDescent(steps, lambda, lrTimesL, noise, 0, scale, seed);
    }

    /** As above, with gradient noise of sd {@code gradNoise} per coordinate: SGD's minibatch noise. */
    static Trace quadraticDescent(int steps, double[] lambda, java.util.function.IntToDoubleFunction lrTimesL,
                                  double noise, double gradNoise, double scale, long seed) {
        Random rnd = new Random(seed);
        double l = lambda[0];
        double[] x = new double[lambda.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.LR));
        for (int t = 0; t < steps; t++) {
            double lr = lrTimesL.applyAsDouble(t) / l;
            double f = quadratic(lambda, x) * scale;
            b.addRow(t).set(0, noisy(f, noise, rnd)).set(1, lr);
            for (int i = 0; i < x.length; i++) {
                x[i] -= lr * (lambda[i] * x[i] + gradNoise * rnd.nextGaussian());
            }
        }
        return b.build();
    }

    /**
     * Gradient descent on g(u) = log cosh(u) + a·u (curvature 1 − a² at its minimum, falling away from it) plus
     * a slowly converging quadratic, with step η above the edge 2/(1 − a²): a bounded, persistent period-2 cycle.
     */
    static Trace edgeOfStabilityCycle(int steps, double a, double etaOverEdge, double noise, double scale, long seed) {
        Random rnd = new Random(seed);
        double curvature = 1 - a * a;
        double eta = etaOverEdge * 2 / curvature;
        double u = 0.3 + rnd.nextDouble();
        double uStar = atanh(-a);
        double gStar = Math.log(Math.cosh(uStar)) + a * uStar;
        double[] lambda = curvatures(6, 0.2 / eta, 50);
        double[] x = new double[lambda.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rnd.nextGaussian();
        }
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS));
        for (int t = 0; t < steps; t++) {
            double g = Math.log(Math.cosh(u)) + a * u - gStar;
            double f = (g + quadratic(lambda, x) + 0.02) * scale;
            b.addRow(t).set(0, noisy(f, noise, rnd));
            u -= eta * (Math.tanh(u) + a);
            for (int i = 0; i < x.length; i++) {
                x[i] -= eta * lambda[i] * x[i];
            }
        }
        return b.build();
    }

    /**
     * Minibatch SGD with heavy-ball momentum β on a noisy quadratic, step η = lrOverEdge · 2(1 + β)/L: near
     * the edge and with β close to 1 the top mode is under-damped and the noise keeps it swinging.
     */
    static Trace heavyBall(int steps, double beta, double lrOverEdge, double gradNoise, double scale, long seed) {
        Random rnd = new Random(seed);
        double[] lambda = curvatures(8, 1.0, 100);
        double eta = lrOverEdge * 2 * (1 + beta) / lambda[0];
        double[] x = new double[lambda.length];
        double[] v = new double[lambda.length];
        // The stiff modes start at their minimum, as after a warm-up: what swings is what the noise excites, not
        // a transient of the first steps.
        for (int i = 2; i < x.length; i++) {
            x[i] = 3 * rnd.nextGaussian() / Math.sqrt(lambda[i]);
        }
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.LR));
        for (int t = 0; t < steps; t++) {
            b.addRow(t).set(0, (quadratic(lambda, x) + 1e-3) * scale).set(1, eta);
            for (int i = 0; i < x.length; i++) {
                double g = lambda[i] * x[i] + gradNoise * rnd.nextGaussian();
                v[i] = beta * v[i] - eta * g;
                x[i] += v[i];
            }
        }
        return b.build();
    }

    /**
     * Full-batch gradient descent on least squares with raw (unscaled) features: the Hessian is XᵀX·2/n, so the
     * run diverges iff η exceeds 2 over its largest eigenvalue, which is computed here by power iteration.
     *
     * @param etaOverEdge the step as a multiple of that edge
     */
    static Trace leastSquares(Dataset d, int steps, double etaOverEdge, boolean minibatch, long seed) {
        Random rnd = new Random(seed);
        int n = d.x().length;
        int p = d.features() + 1;
        double lambdaMax = largestHessianEigenvalue(d);
        double eta = etaOverEdge * 2 / lambdaMax;
        double[] w = new double[p];
        Trace.Builder b = Trace.builder(List.of(Trace.LOSS, Trace.LR));
        int batch = minibatch ? 32 : n;
        for (int t = 0; t < steps; t++) {
            double[] g = new double[p];
            double loss = 0;
            for (int k = 0; k < batch; k++) {
                int i = minibatch ? rnd.nextInt(n) : k;
                double[] xi = d.x()[i];
                double pred = w[p - 1];
                for (int j = 0; j < xi.length; j++) {
                    pred += w[j] * xi[j];
                }
                double err = pred - d.y()[i];
                loss += err * err;
                for (int j = 0; j < xi.length; j++) {
                    g[j] += 2 * err * xi[j] / batch;
                }
                g[p - 1] += 2 * err / batch;
            }
            b.addRow(t).set(0, loss / batch).set(1, eta);
            for (int j = 0; j < p; j++) {
                w[j] -= eta * g[j];
            }
        }
        return b.build();
    }

    static double largestHessianEigenvalue(Dataset d) {
        int p = d.features() + 1;
        double[] v = new double[p];
        java.util.Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] hv = new double[p];
            for (double[] xi : d.x()) {
                double dot = v[p - 1];
                for (int j = 0; j < xi.length; j++) {
                    dot += xi[j] * v[j];
                }
                for (int j = 0; j < xi.length; j++) {
                    hv[j] += 2 * dot * xi[j] / d.x().length;
                }
                hv[p - 1] += 2 * dot / d.x().length;
            }
            double norm = 0;
            for (double h : hv) {
                norm += h * h;
            }
            norm = Math.sqrt(norm);
            lambda = norm;
            for (int j = 0; j < p; j++) {
                v[j] = hv[j] / norm;
            }
        }
        return lambda;
    }

    static double noisy(double f, double noise, Random rnd) {
        return noise == 0 ? f : f * Math.exp(noise * rnd.nextGaussian() - noise * noise / 2);
    }

    private static double atanh(double z) {
        return 0.5 * Math.log((1 + z) / (1 - z));
    }
}
