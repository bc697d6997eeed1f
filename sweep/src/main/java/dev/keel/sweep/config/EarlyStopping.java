package dev.keel.sweep.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** docs/DESIGN.md: early_stopping on validation loss. {@code none}, or {@code {patience: P, min_delta: D}}. */
public record EarlyStopping(boolean enabled, int patience, double minDelta) {
    public static final EarlyStopping NONE = new EarlyStopping(false, 0, 0);
    public static final EarlyStopping DEFAULT = new EarlyStopping(true, 5, 1e-4);

    public EarlyStopping {
        if (enabled && patience < 1) {
            throw new IllegalArgumentException("early_stopping.patience must be an integer >= 1, was " + patience);
        }
        if (enabled && !(minDelta >= 0 && Double.isFinite(minDelta))) {
            throw new IllegalArgumentException("early_stopping.min_delta must be a number >= 0, was " + minDelta);
        }
    }

    /** Parses {@code none} or a map with {@code patience} and {@code min_delta} (each optional, defaults 5 and 1e-4). */
    public static EarlyStopping parse(Object raw) {
        if (raw instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!"patience".equals(k) && !"min_delta".equals(k)) {
                    throw new IllegalArgumentException("early_stopping has unknown key '" + k
                            + "': expected patience, min_delta");
                }
            }
            int patience = DEFAULT.patience;
            double minDelta = DEFAULT.minDelta;
            try {
                if (m.get("patience") != null) {
                    patience = Integer.parseInt(String.valueOf(m.get("patience")).trim());
                }
                if (m.get("min_delta") != null) {
                    minDelta = Double.parseDouble(String.valueOf(m.get("min_delta")).trim());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("early_stopping " + m + ": patience must be an integer, min_delta a number");
            }
            return new EarlyStopping(true, patience, minDelta);
        }
        if (raw == null || "none".equalsIgnoreCase(String.valueOf(raw).trim())) {
            return NONE;
        }
        throw new IllegalArgumentException("early_stopping '" + raw + "' is not 'none' or {patience: P, min_delta: D}");
    }

    public Object toYaml() {
        if (!enabled) {
            return "none";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patience", patience);
        m.put("min_delta", minDelta);
        return m;
    }

    @Override
    public String toString() {
        return enabled ? "patience " + patience + ", min_delta " + minDelta : "none";
    }
}
