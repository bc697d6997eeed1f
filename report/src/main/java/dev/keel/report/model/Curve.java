package dev.keel.report.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A line to draw: finite points only, steps increasing, at most a few hundred points.
 *
 * @param label what the legend calls it
 * @param x     steps
 * @param y     values, finite
 */
public record Curve(String label, double[] x, double[] y) {

    public Curve {
        Objects.requireNonNull(label, "label");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points, y " + y.length);
        }
    }

    public int size() {
        return x.length;
    }

    public boolean isEmpty() {
        return x.length == 0;
    }

    public double last() {
        return y[y.length - 1];
    }

    /**
     * The finite, present points of a trace column, thinned to at most {@code maxPoints}: the steps are cut
     * into {@code maxPoints / 2} equal buckets and each keeps its lowest and highest point, in step order.
     * A spike survives thinning (averaging or striding would drop it), and that is the evidence a
     * reader looks for.
     */
    public static Curve thin(String label, long[] steps, double[] values, BitSet present, int maxPoints) {
        int n = 0;
        for (int i = 0; i < steps.length; i++) {
            if (present.get(i) && Double.isFinite(values[i])) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < steps.length; i++) {
            if (present.get(i) && Double.isFinite(values[i])) {
                xs[k] = steps[i];
                ys[k++] = values[i];
            }
        }
        if (n <= maxPoints || maxPoints < 4) {
            return new Curve(label, xs, ys);
        }
        // Two points a bucket, plus the first and last point: where a run started and ended matters.
        int buckets = (maxPoints - 2) / 2;
        List<Integer> keep = new ArrayList<>(maxPoints);
        keep.add(0);
        double first = xs[0];
        double width = (xs[n - 1] - first) / buckets;
        int start = 0;
        for (int b = 0; b < buckets && start < n; b++) {
            double end = b == buckets - 1 ? Double.POSITIVE_INFINITY : first + width * (b + 1);
            int lo = -1;
            int hi = -1;
            int i = start;
            for (; i < n && xs[i] < end; i++) {
                if (lo < 0 || ys[i] < ys[lo]) {
                    lo = i;
                }
                if (hi < 0 || ys[i] > ys[hi]) {
                    hi = i;
                }
            }
            if (lo >= 0) {
                addAfter(keep, Math.min(lo, hi));
                addAfter(keep, Math.max(lo, hi));
            }
            start = i;
        }
        addAfter(keep, n - 1);
        double[] tx = new double[keep.size()];
        double[] ty = new double[keep.size()];
        for (int j = 0; j < keep.size(); j++) {
            tx[j] = xs[keep.get(j)];
            ty[j] = ys[keep.get(j)];
        }
        return new Curve(label, tx, ty);
    }

    private static void addAfter(List<Integer> keep, int index) {
        if (index > keep.get(keep.size() - 1)) {
            keep.add(index);
        }
    }
}
