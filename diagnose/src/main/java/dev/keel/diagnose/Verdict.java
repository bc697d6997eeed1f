package dev.keel.diagnose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The one verdict a run gets (see docs/DESIGN.md, Verdicts). Tokens are lower case, as written in trials.jsonl. */
public enum Verdict {
    STABLE,
    OSCILLATING,
    DIVERGING,
    VANISHING;

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromToken(String token) {
        for (Verdict v : values()) {
            if (v.token().equalsIgnoreCase(token.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + token + "': expected one of stable, oscillating, diverging, vanishing");
    }
}
