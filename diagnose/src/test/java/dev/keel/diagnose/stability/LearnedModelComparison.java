package dev.keel.diagnose.stability;

import dev.keel.diagnose.Verdict;
import dev.keel.diagnose.labelled.LabelledCorpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Does a learned model over the classifier's own scale-free features beat the hand rules, leave-one-source-out?
 * A multinomial logistic regression (L2-regularised, standardised features, fitted by gradient descent) is trained
 * on every development source but one and scores the one left out, exactly as the rules' thresholds are chosen
 * (docs/DIAGNOSIS.md, "Rules or a learned model"). Prints both, per source and pooled.
 *
 * <pre>java -cp ... dev.keel.diagnose.stability.LearnedModelComparison</pre>
 */
public final class LearnedModelComparison {
    static final String[] NAMES = {"nonFinite", "endsNonFinite", "blowUp", "explode", "chanceKnown", "chanceOverBest",
        "chanceOverEnd", "startOverBest", "firstOverBest", "secondHalfGain", "lostShare", "endOverBest", "tailFlatness",
        "diffAcf", "typicalChange", "spikes", "swingSpread", "flatness", "minibatchRows", "valTurns", "valLargest",
        "trainTurns", "trainLargest", "hasUpdates", "maxUpdate", "hasGradRatio", "gradRatio", "dead", "saturated",
        "paramGrowth", "bandOverBest", "rows"};

    private LearnedModelComparison() {
    }

    static double[] features(Evidence e) {
        LossFeatures f = e.loss();
        LossCurve c = e.curve();
        double maxSmooth = 0;
        double maxRaw = 0;
        for (int i = 0; i < c.size(); i++) {
            maxSmooth = Math.max(maxSmooth, c.smooth[i]);
            maxRaw = Math.max(maxRaw, c.value[i]);
        }
        boolean chance = e.chance().known();
        Swings val = e.signals().validation.size() >= Thresholds.MIN_POINTS_FOR_SWINGS ? e.validationSwings() : Swings.NONE;
        Swings train = e.signals().training.size() >= Thresholds.MIN_POINTS_FOR_SWINGS ? e.trainingSwings() : Swings.NONE;
        double maxUpdate = e.layers().updateRatios().stream().mapToDouble(LayerEvidence.LayerValue::value).max()
                .orElse(Double.NaN);
        Optional<LayerEvidence.LayerValue> ratio = e.layers().gradientRatio(Thresholds.GRADIENT_RATIO_VANISHING);
        double dead = e.layers().worstHiddenLayer(dev.keel.diagnose.trace.Trace.DEAD_FRACTION)
                .map(LayerEvidence.LayerValue::value).orElse(0.0);
        double saturated = e.layers().worstHiddenLayer(dev.keel.diagnose.trace.Trace.SATURATED_FRACTION)
                .map(LayerEvidence.LayerValue::value).orElse(0.0);
        double growth = e.layers().paramNormGrowth(Thresholds.PARAM_NORM_GROWTH).map(LayerEvidence.LayerValue::value)
                .orElse(1.0);
        Series s = e.signals().training;
        double band = s.size() < 2 ? 0 : Math.log((RobustStats.median(s.value(), s.size() / 2, s.size()) + e.swingFloor())
                / (e.best() + e.swingFloor()));
        return new double[] {
            c.firstNonFiniteStep != null ? 1 : 0,
            c.endsNonFinite ? 1 : 0,
            clip(Math.log(maxSmooth / c.start), -5, 10),
            clip(Math.log10(maxRaw / c.start), -5, 12),
            chance ? 1 : 0,
            chance ? clip(Math.log(e.chance().loss() / e.best()), -5, 10) : 0,
            chance ? clip(Math.log(e.chance().loss() / e.end()), -5, 10) : 0,
            clip(f.bestImprovement, -5, 10),
            clip(f.learntFromUntrained, -5, 10),
            clip(f.secondHalfImprovement, -3, 3),
            clip(f.lostShare, -1, 2),
            clip(Math.log(f.tailOverBest), -1, 10),
            Double.isNaN(f.tailFlatness) ? 1 : clip(f.tailFlatness, 0, 3),
            Double.isNaN(f.diffAutocorrelation) ? -0.5 : f.diffAutocorrelation,
            Double.isNaN(f.typicalChange) ? 0 : clip(f.typicalChange, 0, 3),
            Math.min(10, f.spikes),
            Double.isNaN(f.swingSpread) ? 0 : clip(f.swingSpread, 0, 5),
            Double.isNaN(f.flatness) ? 0.56 : f.flatness,
            e.signals().rows == Signals.Rows.MINIBATCH ? 1 : 0,
            Math.min(10, val.big()), clip(val.largest(), 0, 5),
            Math.min(10, train.big()), clip(train.largest(), 0, 5),
            Double.isNaN(maxUpdate) ? 0 : 1,
            Double.isNaN(maxUpdate) || maxUpdate <= 0 ? 0 : clip(Math.log10(maxUpdate) + 3, -6, 6),
            ratio.isPresent() ? 1 : 0,
            ratio.map(r -> clip(Math.log10(Math.max(r.value(), 1e-300)), -15, 5)).orElse(0.0),
            dead, saturated,
            clip(Math.log10(growth), 0, 10),
            clip(band, -2, 10),
            Math.log10(1 + c.size())
        };
    }

    private static double clip(double v, double lo, double hi) {
        return Double.isNaN(v) ? 0 : Math.max(lo, Math.min(hi, v));
    }

    /** Multinomial logistic regression on standardised features. */
    static final class Logistic {
        final double[] mean;
        final double[] sd;
        final double[][] w;

        Logistic(List<double[]> x, List<Verdict> y, double lambda) {
            int d = x.get(0).length;
            int k = Verdict.values().length;
            mean = new double[d];
            sd = new double[d];
            for (double[] r : x) {
                for (int j = 0; j < d; j++) {
                    mean[j] += r[j] / x.size();
                }
            }
            for (double[] r : x) {
                for (int j = 0; j < d; j++) {
                    sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.size();
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
            }
            w = new double[k][d + 1];
            double rate = 0.5;
            for (int it = 0; it < 3000; it++) {
                double[][] grad = new double[k][d + 1];
                for (int i = 0; i < x.size(); i++) {
                    double[] z = standardise(x.get(i));
                    double[] p = probabilities(z);
                    for (int c = 0; c < k; c++) {
                        double err = p[c] - (y.get(i).ordinal() == c ? 1 : 0);
                        for (int j = 0; j < d; j++) {
                            grad[c][j] += err * z[j] / x.size();
                        }
                        grad[c][d] += err / x.size();
                    }
                }
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j <= d; j++) {
                        w[c][j] -= rate * (grad[c][j] + (j < d ? lambda * w[c][j] : 0));
                    }
                }
            }
        }

        double[] standardise(double[] r) {
            double[] z = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                z[j] = (r[j] - mean[j]) / sd[j];
            }
            return z;
        }

        double[] probabilities(double[] z) {
            int k = w.length;
            double[] s = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                s[c] = w[c][z.length];
                for (int j = 0; j < z.length; j++) {
                    s[c] += w[c][j] * z[j];
                }
                max = Math.max(max, s[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                s[c] = Math.exp(s[c] - max);
                sum += s[c];
            }
            for (int c = 0; c < k; c++) {
                s[c] /= sum;
            }
            return s;
        }

        Verdict predict(double[] r) {
            double[] p = probabilities(standardise(r));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            return Verdict.values()[best];
        }
    }

    public static void main(String[] args) throws IOException {
        double lambda = args.length > 0 ? Double.parseDouble(args[0]) : 0.01;
        List<LabelledCorpus.Case> cases = LabelledCorpus.development();
        List<double[]> x = new ArrayList<>();
        for (LabelledCorpus.Case c : cases) {
            Evidence e = c.prepared().evidence();
            x.add(e == null ? new double[NAMES.length] : features(e));
        }
        TreeSet<String> sources = new TreeSet<>();
        cases.forEach(c -> sources.add(c.source()));
        int[][] right = new int[2][LabelledCorpus.View.values().length];
        int[][] total = new int[2][LabelledCorpus.View.values().length];
        System.out.println("| source | view | rules (fitted on the others) | logistic regression |");
        System.out.println("|---|---|---|---|");
        for (String source : sources) {
            List<double[]> trainX = new ArrayList<>();
            List<Verdict> trainY = new ArrayList<>();
            List<LabelledCorpus.Case> training = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                LabelledCorpus.Case c = cases.get(i);
                if (!c.source().equals(source) && c.view() != LabelledCorpus.View.BARE) {
                    trainX.add(x.get(i));
                    trainY.add(c.label());
                    training.add(c);
                }
            }
            Logistic model = new Logistic(trainX, trainY, lambda);
            Calibration fitted = LabelledCorpus.fit(training);
            for (LabelledCorpus.View view : LabelledCorpus.View.values()) {
                int n = 0;
                int rules = 0;
                int learned = 0;
                for (int i = 0; i < cases.size(); i++) {
                    LabelledCorpus.Case c = cases.get(i);
                    if (!c.source().equals(source) || c.view() != view) {
                        continue;
                    }
                    n++;
                    rules += StabilityClassifier.classify(c.prepared(), fitted).verdict() == c.label() ? 1 : 0;
                    learned += model.predict(x.get(i)) == c.label() ? 1 : 0;
                }
                right[0][view.ordinal()] += rules;
                right[1][view.ordinal()] += learned;
                total[0][view.ordinal()] += n;
                total[1][view.ordinal()] += n;
                System.out.printf(Locale.ROOT, "| %s | %s | %d/%d | %d/%d |%n", source, view, rules, n, learned, n);
            }
        }
        for (LabelledCorpus.View view : LabelledCorpus.View.values()) {
            System.out.printf(Locale.ROOT, "pooled %s: rules %.1f%%, logistic regression %.1f%%%n", view,
                    100.0 * right[0][view.ordinal()] / total[0][view.ordinal()],
                    100.0 * right[1][view.ordinal()] / total[1][view.ordinal()]);
        }
    }
}
