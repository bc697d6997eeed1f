package dev.keel.sweep.space;

import dev.keel.sweep.config.Token;

/** How a sweep picks configurations (docs/DESIGN.md: method). */
public enum SearchMethod implements Token {
    /** Every combination of the listed values, once. */
    GRID("grid"),
    /** Independent uniform draws in each parameter's domain, seeded. */
    RANDOM("random"),
    /** A scrambled Sobol low-discrepancy sequence: spreads few trials more evenly than random draws. */
    SOBOL("sobol"),
    /**
     * A tree-structured Parzen estimator that learns from the finished trials which configurations train stably
     * and well (W&B's word for a sampler that models the results).
     */
    BAYES("bayes");

    private final String token;

    SearchMethod(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    public static SearchMethod fromToken(String token) {
        return Token.parse(SearchMethod.class, token);
    }
}
