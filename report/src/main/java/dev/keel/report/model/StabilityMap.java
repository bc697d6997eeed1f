package dev.keel.report.model;

import java.util.List;

/**
 * One chart of two knobs against each other, one point per trial coloured by outcome, so the boundary
 * where training stops being stable shows.
 *
 * @param x           the horizontal axis
 * @param y           the vertical axis
 * @param points      one per trial that set both knobs
 * @param limits      where the map is learning rate × a categorical knob: the largest stable learning rate
 *                    of each category, drawn as a mark; else empty
 * @param association how strongly this pair of knobs decides the outcome (see {@link Association})
 */
public record StabilityMap(Axis x, Axis y, List<Point> points, List<Point> limits, double association) {

    public StabilityMap {
        points = List.copyOf(points);
        limits = List.copyOf(limits);
    }

    /**
     * @param knob       the knob on this axis
     * @param logScale   numeric and logarithmic
     * @param categories the category labels (index = position) for categorical knobs; empty for numeric
     * @param jittered   whether points were spread around their value so that trials sharing a value stay
     *                   visible
     */
    public record Axis(String knob, boolean logScale, List<String> categories, boolean jittered) {
        public Axis {
            categories = List.copyOf(categories);
        }

        public boolean categorical() {
            return !categories.isEmpty();
        }
    }

    /**
     * @param trialId the trial (or, for a limit mark, the trial that set it)
     * @param x       position on the x axis (a number, or a category index, plus any jitter)
     * @param y       position on the y axis
     * @param outcome the trial's outcome
     * @param xValue  the x knob's value as the report prints it
     * @param yValue  the y knob's value as the report prints it
     */
    public record Point(String trialId, double x, double y, Outcome outcome, String xValue, String yValue) {
    }

    public String title() {
        return x.knob() + " × " + y.knob();
    }
}
