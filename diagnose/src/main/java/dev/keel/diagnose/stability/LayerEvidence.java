package dev.keel.diagnose.stability;

import dev.keel.diagnose.trace.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the per-layer columns of a trace say, summarised once for every rule (robust medians throughout). */
final class LayerEvidence {
    /** A per-layer summary: which layer, the value, and the step where it was first seen beyond a threshold. */
    record LayerValue(String layer, double value, Long step) {
    }

    private final Trace trace;
    final List<String> layers;

    LayerEvidence(Trace trace) {
        this.trace = trace;
        this.layers = trace.layers();
    }

    private Optional<Trace.Column> column(String kind, String layer) {
        return trace.layerColumn(kind, layer);
    }

    /** At least two layers report gradient norms: enough to compare the first with the last. */
    boolean hasGradients() {
        int with = 0;
        for (String layer : layers) {
            if (column(Trace.GRAD_NORM, layer).map(c -> c.present().cardinality() > 0).orElse(false)) {
                with++;
            }
        }
        return with >= 2;
    }

    private String firstWith(String kind) {
        for (String layer : layers) {
            if (column(kind, layer).map(c -> c.present().cardinality() > 0).orElse(false)) {
                return layer;
            }
        }
        return null;
    }

    private String lastWith(String kind) {
        String found = null;
        for (String layer : layers) {
            if (column(kind, layer).map(c -> c.present().cardinality() > 0).orElse(false)) {
                found = layer;
            }
        }
        return found;
    }

    /**
     * Median over the second half of the run of (first-layer gradient norm / last-layer gradient norm), with
     * the first step at which the ratio fell below {@code below}; empty without gradients in two layers.
     */
    Optional<LayerValue> gradientRatio(double below) {
        if (!hasGradients()) {
            return Optional.empty();
        }
        Trace.Column first = column(Trace.GRAD_NORM, firstWith(Trace.GRAD_NORM)).orElseThrow();
        Trace.Column last = column(Trace.GRAD_NORM, lastWith(Trace.GRAD_NORM)).orElseThrow();
        List<Double> ratios = new ArrayList<>();
        Long firstBelow = null;
        for (int r = 0; r < trace.size(); r++) {
            if (first.has(r) && last.has(r) && Double.isFinite(first.get(r)) && Double.isFinite(last.get(r))
                    && last.get(r) > 0) {
                double ratio = first.get(r) / last.get(r);
                if (r >= trace.size() / 2) {
                    ratios.add(ratio);
                }
                if (firstBelow == null && ratio < below) {
                    firstBelow = trace.steps()[r];
                }
            }
        }
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LayerValue(first.layer(), RobustStats.median(toArray(ratios)), firstBelow));
    }

    /** The step of the first non-finite gradient or parameter norm, per layer or in total. */
    Optional<LayerValue> firstNonFiniteNorm() {
        Long best = null;
        String where = null;
        double value = Double.NaN;
        for (String layer : layers) {
            for (String kind : List.of(Trace.GRAD_NORM, Trace.PARAM_NORM)) {
                Optional<Trace.Column> c = column(kind, layer);
                if (c.isEmpty()) {
                    continue;
                }
                for (int r = 0; r < trace.size(); r++) {
                    if (c.get().has(r) && !Double.isFinite(c.get().get(r))) {
                        if (best == null || trace.steps()[r] < best) {
                            best = trace.steps()[r];
                            where = layer;
                            value = c.get().get(r);
                        }
                        break;
                    }
                }
            }
        }
        for (String kind : List.of(Trace.GRAD_NORM, Trace.PARAM_NORM)) {
            double[] total = totals(kind);
            for (int r = 0; r < total.length; r++) {
                if (Double.isInfinite(total[r]) && (best == null || trace.steps()[r] < best)) {
                    best = trace.steps()[r];
                    where = null;
                    value = total[r];
                    break;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new LayerValue(where, value, best));
    }

    /**
     * The whole-network norm on each row: √(Σ layer norm²) where every layer with that column reports it,
     * NaN elsewhere. The online monitor is fed the same totals.
     */
    double[] totals(String kind) {
        List<Trace.Column> cols = new ArrayList<>();
        for (String layer : layers) {
            column(kind, layer).ifPresent(cols::add);
        }
        if (cols.isEmpty() && kind.equals(Trace.GRAD_NORM)) {
            // No per-layer gradients, but the total a Hugging Face Trainer logs (grad_norm) says as much of the whole.
            Optional<Trace.Column> total = trace.column(Trace.TOTAL_GRAD_NORM);
            double[] out = new double[trace.size()];
            for (int r = 0; r < out.length; r++) {
                out[r] = total.isPresent() && total.get().has(r) ? total.get().get(r) : Double.NaN;
            }
            return out;
        }
        double[] total = new double[trace.size()];
        for (int r = 0; r < total.length; r++) {
            double sum = 0;
            boolean all = !cols.isEmpty();
            for (Trace.Column c : cols) {
                if (!c.has(r)) {
                    all = false;
                    break;
                }
                sum += c.get(r) * c.get(r);
            }
            total[r] = all ? Math.sqrt(sum) : Double.NaN;
        }
        return total;
    }

    /** Growth of the total parameter norm over its first measured value, with the step it first reached
     *  {@code atLeast}. */
    Optional<LayerValue> paramNormGrowth(double atLeast) {
        double[] total = totals(Trace.PARAM_NORM);
        double first = Double.NaN;
        double max = Double.NaN;
        Long reached = null;
        for (int r = 0; r < total.length; r++) {
            double v = total[r];
            if (!(v > 0) || Double.isInfinite(v)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = v;
                max = 1;
                continue;
            }
            max = Math.max(max, v / first);
            if (reached == null && v >= atLeast * first) {
                reached = trace.steps()[r];
            }
        }
        return Double.isNaN(max) ? Optional.empty() : Optional.of(new LayerValue(null, max, reached));
    }

    /** Growth of the total gradient norm over the median of its first few measurements. */
    Optional<LayerValue> gradientNormGrowth(double atLeast) {
        double[] total = totals(Trace.GRAD_NORM);
        List<Double> early = new ArrayList<>();
        double max = Double.NaN;
        Long reached = null;
        double base = Double.NaN;
        for (int r = 0; r < total.length; r++) {
            double v = total[r];
            if (!(v >= 0) || Double.isInfinite(v)) {
                continue;
            }
            if (early.size() < Thresholds.START_WINDOW) {
                early.add(v);
                if (early.size() == Thresholds.START_WINDOW) {
                    base = RobustStats.median(toArray(early));
                }
                continue;
            }
            if (base > 0) {
                max = Double.isNaN(max) ? v / base : Math.max(max, v / base);
                if (reached == null && v >= atLeast * base) {
                    reached = trace.steps()[r];
                }
            }
        }
        return Double.isNaN(max) ? Optional.empty() : Optional.of(new LayerValue(null, max, reached));
    }

    /** The hidden layer with the highest median of {@code kind} over the last fifth of the run. */
    Optional<LayerValue> worstHiddenLayer(String kind) {
        LayerValue worst = null;
        for (int i = 0; i < layers.size() - 1; i++) {
            String layer = layers.get(i);
            Optional<Trace.Column> c = column(kind, layer);
            if (c.isEmpty()) {
                continue;
            }
            List<Double> tail = new ArrayList<>();
            Long firstStep = null;
            for (int r = 0; r < trace.size(); r++) {
                if (c.get().has(r) && Double.isFinite(c.get().get(r))) {
                    if (r >= trace.size() - Math.max(1, (int) (trace.size() * Thresholds.TAIL_FRACTION))) {
                        tail.add(c.get().get(r));
                    }
                    if (firstStep == null && c.get().get(r) >= thresholdOf(kind)) {
                        firstStep = trace.steps()[r];
                    }
                }
            }
            if (tail.isEmpty()) {
                continue;
            }
            double median = RobustStats.median(toArray(tail));
            if (worst == null || median > worst.value()) {
                worst = new LayerValue(layer, median, firstStep);
            }
        }
        return Optional.ofNullable(worst);
    }

    private static double thresholdOf(String kind) {
        return kind.equals(Trace.DEAD_FRACTION) ? Thresholds.DEAD_FRACTION : Thresholds.SATURATED_FRACTION;
    }

    /** Median update:parameter ratio of each layer that reports it. */
    List<LayerValue> updateRatios() {
        List<LayerValue> out = new ArrayList<>();
        for (String layer : layers) {
            column(Trace.UPDATE_RATIO, layer).ifPresent(c -> {
                List<Double> values = new ArrayList<>();
                for (int r = 0; r < trace.size(); r++) {
                    if (c.has(r) && Double.isFinite(c.get(r))) {
                        values.add(c.get(r));
                    }
                }
                if (!values.isEmpty()) {
                    out.add(new LayerValue(layer, RobustStats.median(toArray(values)), null));
                }
            });
        }
        return out;
    }

    static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
