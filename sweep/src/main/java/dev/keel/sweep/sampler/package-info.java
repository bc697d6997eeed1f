/**
 * Which configurations a sweep runs: the {@link dev.keel.sweep.sampler.Sampler} interface (ask, tell) and its grid,
 * random, Sobol, listed and bayes (TPE) implementations, fed through a {@link dev.keel.sweep.sampler.TrialQueue};
 * {@link dev.keel.sweep.sampler.TrialPlan}, the fixed plan of ids and seeds. Uses the space, the config, the data's
 * seeds, the search models and the store; used by the run, pruners, Spark and the cli.
 */
package dev.keel.sweep.sampler;
