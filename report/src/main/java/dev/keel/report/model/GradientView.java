package dev.keel.report.model;

import java.util.List;

/**
 * Per-layer gradient norms over steps, for a vanishing run beside a stable one: in a vanishing run the
 * early layers' norms sit orders of magnitude below the last layer's.
 *
 * @param panels at most two: the failing example first, then the stable one; empty when no trace has
 *               gradient columns
 */
public record GradientView(List<Panel> panels) {
    public GradientView {
        panels = List.copyOf(panels);
    }

    /**
     * @param example the trial
     * @param layers  one curve per layer, input to output, positive values only (a log axis cannot show 0)
     */
    public record Panel(Example example, List<Curve> layers) {
        public Panel {
            layers = List.copyOf(layers);
        }
    }
}
