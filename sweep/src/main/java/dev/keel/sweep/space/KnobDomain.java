package dev.keel.sweep.space;

import dev.keel.sweep.config.TrialConfig;

import java.util.Map;

/**
 * What values a knob accepts, decided by {@link TrialConfig} itself so that a space can never admit a
 * value the trainer would reject.
 */
public final class KnobDomain {
    private static final Map<String, Object> DEFAULTS = TrialConfig.defaults().toParams();

    private KnobDomain() {
    }

    public static boolean isKnob(String key) {
        return TrialConfig.KNOBS.contains(key);
    }

    /** The knob's docs/DESIGN.md default, in its canonical YAML form. */
    public static Object defaultValue(String knob) {
        return DEFAULTS.get(knob);
    }

    /** Knobs a distribution may range over: the numbers, and gradient_clipping's norm threshold. */
    public static boolean isNumeric(String knob) {
        return DEFAULTS.get(knob) instanceof Number || knob.equals("gradient_clipping");
    }

    /** Knobs that take whole numbers: sampled values are rounded to integers. */
    public static boolean isInteger(String knob) {
        return DEFAULTS.get(knob) instanceof Integer;
    }

    /**
     * The value as {@code trials.jsonl} writes it ({@code ADAM} → {@code adam}, {@code "1.0"} → 1.0), or
     * an {@link IllegalArgumentException} saying what the knob accepts, without the knob's name in front.
     */
    public static Object canonical(String knob, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a value is required" + (knob.equals("early_stopping")
                    || knob.equals("gradient_clipping") || knob.equals("augment") ? " (write none to turn it off)" : ""));
        }
        try {
            return TrialConfig.defaults().with(Map.of(knob, value)).toParams().get(knob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(withoutKnobName(knob, e.getMessage()), e);
        }
    }

    private static String withoutKnobName(String knob, String message) {
        if (message == null) {
            return "invalid value";
        }
        if (message.startsWith(knob + ": ")) {
            return message.substring(knob.length() + 2);
        }
        if (message.startsWith(knob + " ")) {
            return message.substring(knob.length() + 1);
        }
        return message;
    }

    /** The dotted key of a parameter's part, for errors: {@code parameters.optimizer.values[2]}. */
    static String key(String knob, String part) {
        return "parameters." + knob + (part.isEmpty() ? "" : "." + part);
    }

    static void requireKnob(String knob) {
        if (!isKnob(knob)) {
            throw new SpaceKeyException(key(knob, ""), "unknown parameter; expected one of "
                    + String.join(", ", TrialConfig.KNOBS));
        }
    }

    /** 0.0001, not 1.0E-4: the way a number is most likely written in YAML. */
    static String plain(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
