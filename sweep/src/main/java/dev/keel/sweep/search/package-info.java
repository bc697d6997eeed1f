/**
 * The models a search learns from finished trials: knobs as coordinates ({@link dev.keel.sweep.search.Axis}),
 * Parzen estimators, the random forest of P(stable | configuration), and what they say about a sweep (which knobs
 * mattered, where the stable region ends). Used by the bayes sampler, the sweep summary and the report; depends on
 * the space and the store only.
 */
package dev.keel.sweep.search;
