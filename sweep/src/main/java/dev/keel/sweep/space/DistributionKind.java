package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;

/** The distributions a numeric knob may range over (W&B's names, where they overlap). */
public enum DistributionKind implements Token {
    /** Uniform between min and max. */
    UNIFORM("uniform"),
    /** Uniform in log space between min and max (both > 0): each decade is equally likely. */
    LOG_UNIFORM_VALUES("log_uniform_values"),
    /** Uniform over the whole numbers from min to max, both included. */
    INT_UNIFORM("int_uniform"),
    /** log_uniform_values rounded to a multiple of q (default 1). */
    Q_LOG_UNIFORM_VALUES("q_log_uniform_values");

    private final String token;

    DistributionKind(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public boolean logScale() {
        return this == LOG_UNIFORM_VALUES || this == Q_LOG_UNIFORM_VALUES;
    }

    public static DistributionKind fromToken(String token) {
        return Token.parse(DistributionKind.class, token);
    }
}
