package dev.keel.sweep.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * P(stable | configuration) from the finished trials: a random forest of classification trees (Breiman 2001) over
 * the coordinates of {@link Axis} (a position in [0, 1] per number, an index per list), as SMAC models results with
 * a forest. Trees split where the outcome changes, so the forest draws the sharp, axis-aligned edges stability has
 * (a learning rate above which a given optimiser diverges), where kernel densities would blur them.
 *
 * <p>Each tree grows on a bootstrap sample of the trials until its leaves are pure, choosing at each node the best
 * Gini split among a random subset of the coordinates: a threshold halfway between two observed positions, or one
 * category against the rest. The probability is the trees' average share of stable trials in the leaf a
 * configuration falls in.
 */
public final class StabilityForest {
    /** Trees in the forest: past a few dozen, averages of 0/1 leaves barely change. */
    static final int TREES = 64;
    /**
     * The least probability the search weighs a candidate by: half a tree's vote. A candidate every tree calls
     * unstable keeps a finite weight, so the expected improvement still orders such candidates when all are.
     */
    public static final double FLOOR = 0.5 / TREES;

    private final List<Node> trees;

    private StabilityForest(List<Node> trees) {
        this.trees = trees;
    }

    /**
     * @param choices per coordinate: 0 for a position, else the number of categories
     * @param x       each trial's coordinates (no NaN)
     * @param stable  whether each trial was stable
     * @return the forest, or {@code null} when every trial had the same outcome
     */
    public static StabilityForest fit(int[] choices, List<double[]> x, List<Boolean> stable, long seed) {
        long stableCount = stable.stream().filter(b -> b).count();
        if (stableCount == 0 || stableCount == stable.size()) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int features = Math.max(1, (int) Math.ceil(choices.length * 5.0 / 6));
        List<Node> trees = new ArrayList<>(TREES);
        int n = x.size();
        for (int t = 0; t < TREES; t++) {
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            trees.add(grow(choices, x, stable, sample, features, random));
        }
        return new StabilityForest(trees);
    }

    /** P(stable | x). */
    public double probability(double[] x) {
        double sum = 0;
        for (Node tree : trees) {
            Node node = tree;
            while (node.leaf() == null) {
                node = node.goesLeft(x) ? node.left() : node.right();
            }
            sum += node.leaf();
        }
        return sum / trees.size();
    }

    private static Node grow(int[] choices, List<double[]> x, List<Boolean> stable, int[] rows, int features,
                             SplittableRandom random) {
        int positives = 0;
        for (int r : rows) {
            positives += stable.get(r) ? 1 : 0;
        }
        if (positives == 0 || positives == rows.length) {
            return Node.leaf(positives / (double) rows.length);
        }
        int[] order = new int[choices.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        Split best = null;
        for (int f = 0; f < features; f++) {
            Split s = bestSplit(order[f], choices[order[f]], x, stable, rows);
            if (s != null && (best == null || s.impurity < best.impurity)) {
                best = s;
            }
        }
        if (best == null) {
            // Identical configurations with different outcomes: a leaf of their share.
            return Node.leaf(positives / (double) rows.length);
        }
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int r : rows) {
            (best.goesLeft(x.get(r)) ? left : right).add(r);
        }
        return new Node(best.feature, best.threshold, best.category, null,
                grow(choices, x, stable, left.stream().mapToInt(Integer::intValue).toArray(), features, random),
                grow(choices, x, stable, right.stream().mapToInt(Integer::intValue).toArray(), features, random));
    }

    /** The split of one coordinate with the least weighted Gini impurity, or null if it cannot split the rows. */
    private static Split bestSplit(int feature, int choices, List<double[]> x, List<Boolean> stable, int[] rows) {
        Split best = null;
        if (choices > 0) {
            for (int c = 0; c < choices; c++) {
                Split s = evaluate(new Split(feature, Double.NaN, c, 0), x, stable, rows);
                if (s != null && (best == null || s.impurity < best.impurity)) {
                    best = s;
                }
            }
            return best;
        }
        // One pass over the rows sorted by the coordinate: each threshold's counts follow from the previous one's.
        Integer[] order = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(x.get(a)[feature], x.get(b)[feature]));
        int total = rows.length;
        int totalPositives = 0;
        for (int r : rows) {
            totalPositives += stable.get(r) ? 1 : 0;
        }
        int leftN = 0;
        int leftPositives = 0;
        for (int i = 0; i + 1 < total; i++) {
            leftN++;
            leftPositives += stable.get(order[i]) ? 1 : 0;
            double here = x.get(order[i])[feature];
            double next = x.get(order[i + 1])[feature];
            if (here == next) {
                continue;
            }
            int rightN = total - leftN;
            double impurity = leftN * gini(leftPositives, leftN) + rightN * gini(totalPositives - leftPositives, rightN);
            if (best == null || impurity < best.impurity) {
                best = new Split(feature, (here + next) / 2, -1, impurity);
            }
        }
        return best;
    }

    private static Split evaluate(Split split, List<double[]> x, List<Boolean> stable, int[] rows) {
        int leftN = 0;
        int leftPos = 0;
        int rightN = 0;
        int rightPos = 0;
        for (int r : rows) {
            boolean pos = stable.get(r);
            if (split.goesLeft(x.get(r))) {
                leftN++;
                leftPos += pos ? 1 : 0;
            } else {
                rightN++;
                rightPos += pos ? 1 : 0;
            }
        }
        if (leftN == 0 || rightN == 0) {
            return null;
        }
        double impurity = leftN * gini(leftPos, leftN) + rightN * gini(rightPos, rightN);
        return new Split(split.feature, split.threshold, split.category, impurity);
    }

    private static double gini(int positives, int n) {
        double p = positives / (double) n;
        return 2 * p * (1 - p);
    }

    private record Split(int feature, double threshold, int category, double impurity) {
        boolean goesLeft(double[] x) {
            return category >= 0 ? (int) x[feature] == category : x[feature] <= threshold;
        }
    }

    /** A tree node: a split with two children, or a leaf holding its share of stable trials. */
    private record Node(int feature, double threshold, int category, Double leaf, Node left, Node right) {
        static Node leaf(double share) {
            return new Node(-1, Double.NaN, -1, share, null, null);
        }

        boolean goesLeft(double[] x) {
            return category >= 0 ? (int) x[feature] == category : x[feature] <= threshold;
        }
    }
}
