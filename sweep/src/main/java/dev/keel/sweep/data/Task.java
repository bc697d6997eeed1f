package dev.keel.sweep.data;

import java.util.Locale;

/** What the target is: class labels or a real number (docs/DESIGN.md: data.task). */
public enum Task {
    CLASSIFICATION,
    REGRESSION;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task fromToken(String token) {
        for (Task t : values()) {
            if (t.token().equalsIgnoreCase(token.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + token + "' is not one of classification, regression");
    }
}
