package dev.keel.sweep.config;

import java.util.Locale;

/** docs/DESIGN.md: augment. {@code none}, or {@code noise:<sigma>}: Gaussian input noise (and small shifts on images). */
public record Augmentation(double noiseSigma) {
    public static final Augmentation NONE = new Augmentation(0);

    public Augmentation {
        if (!(noiseSigma >= 0 && Double.isFinite(noiseSigma))) {
            throw new IllegalArgumentException("augment noise sigma must be a number >= 0, was " + noiseSigma);
        }
    }

    public boolean enabled() {
        return noiseSigma > 0;
    }

    public static Augmentation parse(Object raw) {
        String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        if (s.startsWith("noise:")) {
            try {
                return new Augmentation(Double.parseDouble(s.substring("noise:".length()).trim()));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("augment '" + raw + "' is not 'none' or 'noise:<sigma>'");
    }

    public String toYaml() {
        return enabled() ? "noise:" + noiseSigma : "none";
    }

    @Override
    public String toString() {
        return toYaml();
    }
}
