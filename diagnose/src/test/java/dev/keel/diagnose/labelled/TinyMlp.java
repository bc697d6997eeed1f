package dev.keel.diagnose.labelled;

import java.util.Random;

/**
 * A small fully connected network in plain Java, trained by minibatch SGD, momentum or Adam. It records the
 * per-layer statistics of docs/DESIGN.md exactly as defined there, so generated traces look like keel's own.
 * Cross-entropy clips probabilities at 1e-10 like DL4J's LossMCXENT, which caps a diverged loss near 23.
 */
final class TinyMlp {
    enum Act { RELU, SIGMOID, TANH }

    enum Opt { SGD, MOMENTUM, ADAM }

    static final double DL4J_CLIP = 1e-10;

    final int[] sizes;
    final Act act;
    final double[][][] w;
    final double[][] b;
    private final double[][][] gw;
    private final double[][] gb;
    private final double[][][] m1;
    private final double[][][] m2;
    private final double[][] mb1;
    private final double[][] mb2;
    private int adamT;

    // Per-step statistics of the last batch, per layer.
    final double[] gradNorm;
    final double[] deadFraction;
    final double[] saturatedFraction;
    final double[] updateRatio;

    /** @param initSd weight standard deviation; NaN means He (relu) or Xavier (sigmoid, tanh) */
    TinyMlp(int[] sizes, Act act, double initSd, Random rnd) {
        this.sizes = sizes;
        this.act = act;
        int layers = sizes.length - 1;
        w = new double[layers][][];
        b = new double[layers][];
        gw = new double[layers][][];
        gb = new double[layers][];
        m1 = new double[layers][][];
        m2 = new double[layers][][];
        mb1 = new double[layers][];
        mb2 = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double sd = !Double.isNaN(initSd) ? initSd
                    : act == Act.RELU ? Math.sqrt(2.0 / in) : Math.sqrt(2.0 / (in + out));
            w[l] = new double[out][in];
            for (double[] row : w[l]) {
                for (int i = 0; i < in; i++) {
                    row[i] = rnd.nextGaussian() * sd;
                }
            }
            b[l] = new double[out];
            gw[l] = new double[out][in];
            gb[l] = new double[out];
            m1[l] = new double[out][in];
            m2[l] = new double[out][in];
            mb1[l] = new double[out];
            mb2[l] = new double[out];
        }
        gradNorm = new double[layers];
        deadFraction = new double[layers];
        saturatedFraction = new double[layers];
        updateRatio = new double[layers];
    }

    int layers() {
        return sizes.length - 1;
    }

    private double activate(double z) {
        return switch (act) {
            case RELU -> Math.max(0, z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
        };
    }

    private double derivative(double z, double a) {
        return switch (act) {
            case RELU -> z > 0 ? 1 : 0;
            case SIGMOID -> a * (1 - a);
            case TANH -> 1 - a * a;
        };
    }

    /**
     * One training step on the rows {@code idx} of the data; returns the mean batch loss before the update.
     * Classification uses softmax cross-entropy, regression (classes == 0) mean squared error.
     */
    double step(Dataset d, int[] idx, Opt opt, double lr) {
        int layers = layers();
        int n = idx.length;
        double[][][] z = new double[layers][n][];
        double[][][] a = new double[layers + 1][n][];
        for (int k = 0; k < n; k++) {
            a[0][k] = d.x()[idx[k]];
        }
        for (int l = 0; l < layers; l++) {
            int out = sizes[l + 1];
            int dead = 0;
            int saturated = 0;
            boolean[] alive = new boolean[out];
            for (int k = 0; k < n; k++) {
                double[] zz = new double[out];
                double[] aa = new double[out];
                double[] in = a[l][k];
                for (int j = 0; j < out; j++) {
                    double s = b[l][j];
                    double[] wj = w[l][j];
                    for (int i = 0; i < in.length; i++) {
                        s += wj[i] * in[i];
                    }
                    zz[j] = s;
                    aa[j] = l == layers - 1 ? s : activate(s);
                    if (aa[j] != 0) {
                        alive[j] = true;
                    }
                    if (Math.abs(s) > 5) {
                        saturated++;
                    }
                }
                z[l][k] = zz;
                a[l + 1][k] = aa;
            }
            for (boolean al : alive) {
                dead += al ? 0 : 1;
            }
            deadFraction[l] = l == layers - 1 || act != Act.RELU ? 0 : (double) dead / out;
            saturatedFraction[l] = l == layers - 1 || act == Act.RELU ? 0 : (double) saturated / (out * n);
        }
        // Output layer error and loss.
        double loss = 0;
        double[][] delta = new double[n][];
        int outSize = sizes[layers];
        for (int k = 0; k < n; k++) {
            double[] o = a[layers][k];
            double[] dl = new double[outSize];
            if (d.classes() > 0) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : o) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                double[] p = new double[outSize];
                for (int j = 0; j < outSize; j++) {
                    p[j] = Math.exp(o[j] - max);
                    sum += p[j];
                }
                int target = (int) d.y()[idx[k]];
                for (int j = 0; j < outSize; j++) {
                    p[j] /= sum;
                    dl[j] = (p[j] - (j == target ? 1 : 0)) / n;
                }
                loss += -Math.log(Math.min(1 - DL4J_CLIP, Math.max(DL4J_CLIP, p[target])));
            } else {
                double err = o[0] - d.y()[idx[k]];
                loss += err * err;
                dl[0] = 2 * err / n;
            }
            delta[k] = dl;
        }
        loss /= n;
        // Backward.
        for (int l = layers - 1; l >= 0; l--) {
            int out = sizes[l + 1];
            int in = sizes[l];
            for (int j = 0; j < out; j++) {
                java.util.Arrays.fill(gw[l][j], 0);
                gb[l][j] = 0;
            }
            for (int k = 0; k < n; k++) {
                double[] dl = delta[k];
                double[] prev = a[l][k];
                for (int j = 0; j < out; j++) {
                    double dj = dl[j];
                    if (dj == 0) {
                        continue;
                    }
                    double[] g = gw[l][j];
                    for (int i = 0; i < in; i++) {
                        g[i] += dj * prev[i];
                    }
                    gb[l][j] += dj;
                }
            }
            if (l > 0) {
                for (int k = 0; k < n; k++) {
                    double[] next = new double[in];
                    for (int j = 0; j < out; j++) {
                        double dj = delta[k][j];
                        if (dj == 0) {
                            continue;
                        }
                        double[] wj = w[l][j];
                        for (int i = 0; i < in; i++) {
                            next[i] += dj * wj[i];
                        }
                    }
                    for (int i = 0; i < in; i++) {
                        next[i] *= derivative(z[l - 1][k][i], a[l][k][i]);
                    }
                    delta[k] = next;
                }
            }
        }
        update(opt, lr);
        return loss;
    }

    private void update(Opt opt, double lr) {
        adamT++;
        for (int l = 0; l < layers(); l++) {
            double g2 = 0;
            double p2 = 0;
            double u2 = 0;
            for (int j = 0; j < w[l].length; j++) {
                for (int i = 0; i <= w[l][j].length; i++) {
                    boolean bias = i == w[l][j].length;
                    double g = bias ? gb[l][j] : gw[l][j][i];
                    double p = bias ? b[l][j] : w[l][j][i];
                    double u;
                    switch (opt) {
                        case SGD -> u = -lr * g;
                        case MOMENTUM -> {
                            double v = 0.9 * (bias ? mb1[l][j] : m1[l][j][i]) - lr * g;
                            if (bias) {
                                mb1[l][j] = v;
                            } else {
                                m1[l][j][i] = v;
                            }
                            u = v;
                        }
                        default -> {
                            double m = 0.9 * (bias ? mb1[l][j] : m1[l][j][i]) + 0.1 * g;
                            double s = 0.999 * (bias ? mb2[l][j] : m2[l][j][i]) + 0.001 * g * g;
                            if (bias) {
                                mb1[l][j] = m;
                                mb2[l][j] = s;
                            } else {
                                m1[l][j][i] = m;
                                m2[l][j][i] = s;
                            }
                            double mh = m / (1 - Math.pow(0.9, adamT));
                            double sh = s / (1 - Math.pow(0.999, adamT));
                            u = -lr * mh / (Math.sqrt(sh) + 1e-8);
                        }
                    }
                    if (bias) {
                        b[l][j] = p + u;
                    } else {
                        w[l][j][i] = p + u;
                    }
                    g2 += g * g;
                    p2 += p * p;
                    u2 += u * u;
                }
            }
            gradNorm[l] = Math.sqrt(g2);
            updateRatio[l] = Math.sqrt(u2) / Math.sqrt(p2);
        }
    }

    /** Mean loss on rows {@code idx} without training (validation). */
    double loss(Dataset d, int[] idx) {
        double total = 0;
        for (int row : idx) {
            double[] in = d.x()[row];
            for (int l = 0; l < layers(); l++) {
                double[] out = new double[sizes[l + 1]];
                for (int j = 0; j < out.length; j++) {
                    double s = b[l][j];
                    for (int i = 0; i < in.length; i++) {
                        s += w[l][j][i] * in[i];
                    }
                    out[j] = l == layers() - 1 ? s : activate(s);
                }
                in = out;
            }
            if (d.classes() > 0) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : in) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : in) {
                    sum += Math.exp(v - max);
                }
                double p = Math.exp(in[(int) d.y()[row]] - max) / sum;
                total += -Math.log(Math.min(1 - DL4J_CLIP, Math.max(DL4J_CLIP, p)));
            } else {
                double err = in[0] - d.y()[row];
                total += err * err;
            }
        }
        return total / idx.length;
    }

    double paramNorm(int l) {
        double s = 0;
        for (int j = 0; j < w[l].length; j++) {
            for (double v : w[l][j]) {
                s += v * v;
            }
            s += b[l][j] * b[l][j];
        }
        return Math.sqrt(s);
    }
}
