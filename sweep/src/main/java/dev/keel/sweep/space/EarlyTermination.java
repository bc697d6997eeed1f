package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;

/** When the sweep stops a trial before its budget (DESIGN.md: early_terminate). */
public enum EarlyTermination implements Token {
    /** Stop a trial as soon as the online diagnosis is certain it diverges. */
    DIVERGENCE("divergence"),
    /** Stop a trial whose validation metric is worse than the median of finished trials at the same epoch. */
    MEDIAN("median"),
    /** Every trial runs to its epoch budget, early stopping or time budget. */
    NONE("none");

    private final String token;

    EarlyTermination(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static EarlyTermination fromToken(String token) {
        return Token.parse(EarlyTermination.class, token);
    }
}
