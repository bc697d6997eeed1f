/**
 * {@code keel recommend}: the screen and the confirmation ({@code Recommender}), configurations with their seeds
 * ({@link dev.keel.sweep.recommend.Candidate}) and the one rule for "recommended" ({@link
 * dev.keel.sweep.recommend.CandidateSelector}), written to recommended.yaml. Uses the run, the space and the store;
 * used by the cli and the report's model.
 */
package dev.keel.sweep.recommend;
