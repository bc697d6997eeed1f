package dev.keel.sweep.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a sampler that learns from finished trials ({@code method: bayes}) chose a trial's configuration: a random
 * draw while it had too few finished trials to model, or a model's choice. Trials of grid, random and Sobol sweeps
 * were planned up front and record none.
 */
public enum ChosenBy {
    /** Drawn at random, as {@code method: random} would, before the model had enough finished trials. */
    STARTUP,
    /** Chosen by the model of the finished trials (the tree-structured Parzen estimator). */
    MODEL;

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChosenBy fromToken(String token) {
        return valueOf(token.trim().toUpperCase(Locale.ROOT));
    }
}
