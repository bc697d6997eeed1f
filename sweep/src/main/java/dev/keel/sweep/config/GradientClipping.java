package dev.keel.sweep.config;

import java.util.Locale;

/**
 * docs/DESIGN.md: gradient_clipping. {@code none}; a number: clip each layer's gradient to that L2 norm;
 * {@code value:<x>}: clip every element to [-x, x].
 */
public record GradientClipping(Mode mode, double threshold) {
    public enum Mode { NONE, NORM, VALUE }

    public static final GradientClipping NONE = new GradientClipping(Mode.NONE, 0);

    public GradientClipping {
        if (mode != Mode.NONE && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("gradient_clipping threshold must be a positive number, was " + threshold);
        }
        if (mode == Mode.NONE) {
            threshold = 0;
        }
    }

    public static GradientClipping norm(double threshold) {
        return new GradientClipping(Mode.NORM, threshold);
    }

    public static GradientClipping value(double threshold) {
        return new GradientClipping(Mode.VALUE, threshold);
    }

    /** Parses {@code none}, a number, or {@code value:<x>} (a YAML number arrives as a Number). */
    public static GradientClipping parse(Object raw) {
        if (raw instanceof Number n) {
            return norm(n.doubleValue());
        }
        String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("none")) {
                return NONE;
            }
            if (s.startsWith("value:")) {
                return value(Double.parseDouble(s.substring("value:".length()).trim()));
            }
            if (s.startsWith("norm:")) {
                return norm(Double.parseDouble(s.substring("norm:".length()).trim()));
            }
            return norm(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gradient_clipping '" + raw
                    + "' is not 'none', a number, or 'value:<x>'");
        }
    }

    /** The YAML form: "none", a number, or "value:x". */
    public Object toYaml() {
        return switch (mode) {
            case NONE -> "none";
            case NORM -> threshold;
            case VALUE -> "value:" + threshold;
        };
    }

    @Override
    public String toString() {
        return String.valueOf(toYaml());
    }
}
